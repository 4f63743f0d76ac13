window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1186253967324605208"
          ],
          "editableUntil" : "2019-10-21T13:12:40.000Z",
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
        "urls" : [
          {
            "url" : "https://t.co/Qx7Zb81kLm",
            "expanded_url" : "https://twitter.com/vax_truth_x/status/1186212233445566778",
            "display_url" : "twitter.com/vax_truth_x/st…",
            "indices" : [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "66"
      ],
      "favorite_count" : "9",
      "id_str" : "1186253967324605208",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1186253967324605208",
      "created_at" : "Mon Oct 21 12:12:40 +0000 2019",
      "favorited" : false,
      "full_text" : "This. Read it before you book your kids in https://t.co/Qx7Zb81kLm",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1261081512509621869"
          ],
          "editableUntil" : "2020-05-15T00:50:37.000Z",
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
        "58"
      ],
      "favorite_count" : "0",
      "id_str" : "1261081512509621869",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1261081512509621869",
      "created_at" : "Thu May 14 23:50:37 +0000 2020",
      "favorited" : false,
      "full_text" : "What a f*cking day. Team meeting ran over by 2 hours again",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1367146807817533035"
          ],
          "editableUntil" : "2021-03-03T17:16:14.000Z",
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
        "urls" : [],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/jo_example_sw/status/1367146807817533035/photo/1",
            "indices" : [
              "0",
              "23"
            ],
            "url" : "https://t.co/Md533035",
            "media_url" : "http://pbs.twimg.com/media/F18259423.jpg",
            "media_url_https" : "https://pbs.twimg.com/media/F18259423.jpg",
            "id_str" : "1367146807818259423",
            "id" : "1367146807818259423",
            "sizes" : {
              "large" : {
                "w" : "1600",
                "h" : "1200",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/Md533035"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "77"
      ],
      "favorite_count" : "8",
      "id_str" : "1367146807817533035",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1367146807817533035",
      "created_at" : "Wed Mar 03 16:16:14 +0000 2021",
      "favorited" : false,
      "full_text" : "Quiz night at the Dick Turpin, came second to the retired teachers as usual 🏆 https://t.co/Md533035",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/jo_example_sw/status/1367146807817533035/photo/1",
            "indices" : [
              "0",
              "23"
            ],
            "url" : "https://t.co/Md533035",
            "media_url" : "http://pbs.twimg.com/media/F18259423.jpg",
            "media_url_https" : "https://pbs.twimg.com/media/F18259423.jpg",
            "id_str" : "1367146807818259423",
            "id" : "1367146807818259423",
            "sizes" : {
              "large" : {
                "w" : "1600",
                "h" : "1200",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/Md533035"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1542795216421234265"
          ],
          "editableUntil" : "2022-07-01T10:00:18.000Z",
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
        "67"
      ],
      "favorite_count" : "2",
      "id_str" : "1542795216421234265",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1542795216421234265",
      "created_at" : "Fri Jul 01 09:00:18 +0000 2022",
      "favorited" : false,
      "full_text" : "Registered with Social Work England today! Properly qualified now 🎉",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1730300817570270248"
          ],
          "editableUntil" : "2023-11-30T20:00:37.000Z",
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
        "60"
      ],
      "favorite_count" : "5",
      "id_str" : "1730300817570270248",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1730300817570270248",
      "created_at" : "Thu Nov 30 19:00:37 +0000 2023",
      "favorited" : false,
      "full_text" : "Five things I wish I'd known before my ASYE year, a thread 🧵",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1730301190862276984"
          ],
          "editableUntil" : "2023-11-30T20:02:06.000Z",
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
        "64"
      ],
      "favorite_count" : "9",
      "id_str" : "1730301190862276984",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1730301190862276984",
      "created_at" : "Thu Nov 30 19:02:06 +0000 2023",
      "favorited" : false,
      "full_text" : "1. Supervision is yours. Bring an agenda, ask for what you need.",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1730300817570270248",
      "in_reply_to_status_id" : "1730300817570270248",
      "in_reply_to_user_id" : "1098765432",
      "in_reply_to_user_id_str" : "1098765432",
      "in_reply_to_screen_name" : "jo_example_sw"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1940115699399285978"
          ],
          "editableUntil" : "2025-07-01T19:30:03.000Z",
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
        "270"
      ],
      "favorite_count" : "7",
      "id_str" : "1940115699399285978",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1940115699399285978",
      "created_at" : "Tue Jul 01 18:30:03 +0000 2025",
      "favorited" : false,
      "full_text" : "Three years qualified today. What I have learned: listen more than you talk, write your case notes the same day, and never promise a family something the panel has not agreed. The hardest part of the job is not the caseload, it is holding hope for people when they have…",
      "lang" : "en"
    }
  }
]
