window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "648229202294951686"
          ],
          "editableUntil" : "2015-09-27T21:14:20.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "socialworkstudent",
            "indices" : [
              "0",
              "1"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "86"
      ],
      "favorite_count" : "6",
      "id_str" : "648229202294951686",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "648229202294951686",
      "created_at" : "Sun Sep 27 20:14:20 +0000 2015",
      "favorited" : false,
      "full_text" : "First day of my social work placement tomorrow, nervous but excited #socialworkstudent",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "694944861123915327"
          ],
          "editableUntil" : "2016-02-03T19:05:41.000Z",
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
        "76"
      ],
      "favorite_count" : "1",
      "id_str" : "694944861123915327",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "694944861123915327",
      "created_at" : "Wed Feb 03 18:05:41 +0000 2016",
      "favorited" : false,
      "full_text" : "Cocktail night with the uni lot 🍸 who knew Scunthorpe had this much going on",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "796467616151243892"
          ],
          "editableUntil" : "2016-11-09T22:40:52.000Z",
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
        "122"
      ],
      "favorite_count" : "5",
      "id_str" : "796467616151243892",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "796467616151243892",
      "created_at" : "Wed Nov 09 21:40:52 +0000 2016",
      "favorited" : false,
      "full_text" : "Home visit this morning, 15yo lad on the Hillcrest estate, mum off her face again by 10am. Some days I wonder why I bother",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "841560179996060802"
          ],
          "editableUntil" : "2017-03-14T09:02:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "socialwork",
            "indices" : [
              "0",
              "1"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "62"
      ],
      "favorite_count" : "8",
      "id_str" : "841560179996060802",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "841560179996060802",
      "created_at" : "Tue Mar 14 08:02:37 +0000 2017",
      "favorited" : false,
      "full_text" : "Essay handed in. Absolutely killing it this term 💪 #socialwork",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "880777996137712808"
          ],
          "editableUntil" : "2017-06-30T14:20:13.000Z",
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
        "90"
      ],
      "favorite_count" : "1",
      "id_str" : "880777996137712808",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "880777996137712808",
      "created_at" : "Fri Jun 30 13:20:13 +0000 2017",
      "favorited" : false,
      "full_text" : "Swapping shifts this weekend? Email me on jo.example.sw@example.com and I'll sort the rota",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "954481455268202154"
          ],
          "editableUntil" : "2018-01-19T23:31:27.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "hungover",
            "indices" : [
              "0",
              "1"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "70"
      ],
      "favorite_count" : "1",
      "id_str" : "954481455268202154",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "954481455268202154",
      "created_at" : "Fri Jan 19 22:31:27 +0000 2018",
      "favorited" : false,
      "full_text" : "Got absolutely wasted last night, still can't feel my face 😂 #hungover",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "980712749921967227"
          ],
          "editableUntil" : "2018-04-02T08:45:15.000Z",
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
        "60"
      ],
      "favorite_count" : "8",
      "id_str" : "980712749921967227",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "980712749921967227",
      "created_at" : "Mon Apr 02 07:45:15 +0000 2018",
      "favorited" : false,
      "full_text" : "Off to Majorca for a fortnight, house empty till the 16th ✈️",
      "lang" : "en",
      "place" : {
        "full_name" : "Northwick, England",
        "name" : "Northwick",
        "country" : "United Kingdom"
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1039952646632870126"
          ],
          "editableUntil" : "2018-09-12T20:03:27.000Z",
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
        "102"
      ],
      "favorite_count" : "9",
      "id_str" : "1039952646632870126",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1039952646632870126",
      "created_at" : "Wed Sep 12 19:03:27 +0000 2018",
      "favorited" : false,
      "full_text" : "Safeguarding training all day on child sexual exploitation. Heavy going but so important for practice.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1093931241962246936"
          ],
          "editableUntil" : "2019-02-08T18:55:07.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Loud Opinions",
            "screen_name" : "loud_opinions_x",
            "indices" : [
              "3",
              "19"
            ],
            "id_str" : "55501234",
            "id" : "55501234"
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "118"
      ],
      "favorite_count" : "10",
      "id_str" : "1093931241962246936",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1093931241962246936",
      "created_at" : "Fri Feb 08 17:55:07 +0000 2019",
      "favorited" : false,
      "full_text" : "RT @loud_opinions_x: Send them all back where they came from, sick to death of paying for people who don't belong here",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "999033549486498314"
          ],
          "editableUntil" : "2018-05-22T22:05:34.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Sam_K_Example",
            "screen_name" : "sam_k_example",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "679491745",
            "id" : "679491745"
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "89"
      ],
      "favorite_count" : "1",
      "id_str" : "999033549486498314",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "999033549486498314",
      "created_at" : "Tue May 22 21:05:34 +0000 2018",
      "favorited" : false,
      "full_text" : "@sam_k_example my team leader is a useless waste of space, honestly can't stand the woman",
      "lang" : "en",
      "in_reply_to_status_id_str" : "999029661367762005",
      "in_reply_to_status_id" : "999029661367762005",
      "in_reply_to_user_id" : "2233445566",
      "in_reply_to_user_id_str" : "2233445566",
      "in_reply_to_screen_name" : "sam_k_example"
    }
  }
]
