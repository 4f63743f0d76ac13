window.YTD.deleted_tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1215393512685057529"
          ],
          "editableUntil" : "2020-01-09T23:02:49.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "86"
      ],
      "favorite_count" : "7",
      "id_str" : "1215393512685057529",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1215393512685057529",
      "created_at" : "Thu Jan 09 22:02:49 +0000 2020",
      "favorited" : false,
      "full_text" : "One of my service users just added me on Facebook 😂 accepted, she's actually dead nice",
      "lang" : "en"
    }
  }
]
