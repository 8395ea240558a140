window.YTD.tweets.part0 = [
 {
  "tweet": {
   "id_str": "1421771759259308035",
   "id": "1421771759259308035",
   "full_text": "Over the last 3 years or so I have had to hire/help-to-hire a lot of senior engineers, especially in small to mid startups.\n\nUsually it is in a role where the person would be the main pivot of the team and be responsible for a project.\n\nA thread on what has worked 🧵👇🏼",
   "lang": "en",
   "created_at": "Sun Aug 01 09:56:17 +0000 2021"
  }
 },
 {
  "tweet": {
   "id_str": "836228371361091584",
   "id": "836228371361091584",
   "full_text": "Hi. I'm Estelle. I've been developing websites since 1998. As a woman in tech I don't announce my code shortcomings for fear of consequences https://t.co/rEFKEO7ec7",
   "lang": "en",
   "created_at": "Mon Feb 27 14:55:54 +0000 2017"
  }
 }
]
