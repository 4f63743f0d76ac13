var payload_details =  {
  "tweets" : 6,
  "created_at" : "2014-03-01 09:00:00 +0000",
  "lang" : "en"
}