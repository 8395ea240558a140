window.YTD.tweets.part0 = [
 {
  "tweet": {
   "id_str": "608682016205344768",
   "id": "608682016205344768",
   "full_text": "Google: 90% of our engineers use the software you wrote (Homebrew), but you can’t invert a binary tree on a whiteboard so fuck off.",
   "lang": "en",
   "created_at": "Wed Jun 10 17:07:56 +0000 2015"
  }
 },
 {
  "tweet": {
   "id_str": "845017426177769472",
   "id": "845017426177769472",
   "full_text": "One time in a job interview I was asked to architect a system and I responded @graphcool and walked out.",
   "lang": "en",
   "created_at": "Thu Mar 23 21:00:28 +0000 2017"
  }
 },
 {
  "tweet": {
   "id_str": "835669591691051010",
   "id": "835669591691051010",
   "full_text": "Hi, my name is Nate. I've been coding JavaScript for years and I still have to Google how to send ajax requests. https://t.co/ovyrsDq7jZ",
   "lang": "en",
   "created_at": "Sun Feb 26 01:55:31 +0000 2017"
  }
 }
]
