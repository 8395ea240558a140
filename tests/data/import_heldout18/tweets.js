window.YTD.tweets.part0 = [
 {
  "tweet": {
   "id_str": "995068743540707329",
   "id": "995068743540707329",
   "full_text": "Interviewer: Tell me about your qualifications. \n\nCandidate: I'm very quick at math. \n\nInterviewer: What's the square root of 700?\n\nCandidate: 4. \n\nInterviewer: That's not even close. \n\nCandidate: Yeah, but it was quick.",
   "lang": "en",
   "created_at": "Fri May 11 22:30:50 +0000 2018"
  }
 },
 {
  "tweet": {
   "id_str": "889459230499098624",
   "id": "889459230499098624",
   "full_text": "Interviewer: it says here your interests include connecting people \n\nMe: correcting people, actually \n\nI: no it's-\n\nMe: i know what it says",
   "lang": "en",
   "created_at": "Mon Jul 24 12:16:20 +0000 2017"
  }
 }
]
