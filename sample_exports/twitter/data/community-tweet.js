window.YTD.community_tweet.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1764956673802895858"
          ],
          "editableUntil" : "2024-03-05T11:10:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
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
        "89"
      ],
      "favorite_count" : "5",
      "id_str" : "1764956673802895858",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1764956673802895858",
      "created_at" : "Tue Mar 05 10:10:37 +0000 2024",
      "favorited" : false,
      "full_text" : "Anyone else finding the new case recording system painfully slow? Asking for a whole team",
      "lang" : "en",
      "community_id" : "1600000000000000001",
      "community_id_str" : "1600000000000000001",
      "scopes" : {
        "followers" : false
      }
    }
  }
]
