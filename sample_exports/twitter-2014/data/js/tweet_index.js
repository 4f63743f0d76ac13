var tweet_index =  [
  {
    "file_name" : "data\/js\/tweets\/2014_02.js",
    "year" : 2014,
    "var_name" : "tweets_2014_02",
    "tweet_count" : 1,
    "month" : 2
  },
  {
    "file_name" : "data\/js\/tweets\/2013_11.js",
    "year" : 2013,
    "var_name" : "tweets_2013_11",
    "tweet_count" : 3,
    "month" : 11
  },
  {
    "file_name" : "data\/js\/tweets\/2012_10.js",
    "year" : 2012,
    "var_name" : "tweets_2012_10",
    "tweet_count" : 2,
    "month" : 10
  }
]