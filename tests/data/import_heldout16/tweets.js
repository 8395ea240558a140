window.YTD.tweets.part0 = [
 {
  "tweet": {
   "id_str": "1960046954685382741",
   "id": "1960046954685382741",
   "full_text": "To set the record straight, earlier this month, following an investigation, Walmart terminated one vendor and a small number of U.S.-based associates. This investigation had nothing to do with H-1B visas and everything to do with acting with Integrity, a core Walmart value.",
   "lang": "en",
   "created_at": "Mon Aug 25 18:29:44 +0000 2025"
  }
 }
]
