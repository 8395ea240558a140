window.YTD.tweets.part0 = [
 {
  "tweet": {
   "id_str": "1230818076578459649",
   "id": "1230818076578459649",
   "full_text": "Preparing for a #MachineLearning #DataScience interview?\n\nOne retweet - one theoretical interview question in the thread 👇\n\nFeel free to give your answers\n\nLet's start!\n\n#100DaysOfCode #100DaysOfMLCode",
   "lang": "en",
   "created_at": "Fri Feb 21 11:34:31 +0000 2020"
  }
 },
 {
  "tweet": {
   "id_str": "2002355874786873383",
   "id": "2002355874786873383",
   "full_text": "Your RAG system is hallucinating in production. How do you diagnose what’s broken — the retriever or the generator?",
   "lang": "en",
   "created_at": "Sat Dec 20 12:30:17 +0000 2025"
  }
 }
]
