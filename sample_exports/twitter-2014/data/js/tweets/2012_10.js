Grailbird.data.tweets_2012_10 = 
[
  {
    "source" : "<a href=\"http:\/\/twitter.com\/download\/iphone\" rel=\"nofollow\">Twitter for iPhone<\/a>",
    "entities" : {
      "user_mentions" : [],
      "media" : [],
      "hashtags" : [],
      "urls" : []
    },
    "geo" : {},
    "id_str" : "253575294221708944",
    "text" : "Offer holder for the social work degree!!! cannot actually believe it",
    "id" : 253575294221708944,
    "created_at" : "2012-10-03 19:20:36 +0000",
    "user" : {
      "name" : "Jo Example",
      "screen_name" : "jo_example_sw",
      "protected" : false,
      "id_str" : "1098765432",
      "profile_image_url_https" : "https:\/\/abs.twimg.com\/sticky\/default_profile_images\/default_profile_0_normal.png",
      "id" : 1098765432,
      "verified" : false
    }
  },
  {
    "source" : "<a href=\"http:\/\/twitter.com\/download\/iphone\" rel=\"nofollow\">Twitter for iPhone<\/a>",
    "entities" : {
      "user_mentions" : [],
      "media" : [],
      "hashtags" : [],
      "urls" : []
    },
    "geo" : {},
    "id_str" : "262704184296431609",
    "text" : "bladdered at freshers, someone carry me home x",
    "id" : 262704184296431609,
    "created_at" : "2012-10-28 23:55:33 +0000",
    "user" : {
      "name" : "Jo Example",
      "screen_name" : "jo_example_sw",
      "protected" : false,
      "id_str" : "1098765432",
      "profile_image_url_https" : "https:\/\/abs.twimg.com\/sticky\/default_profile_images\/default_profile_0_normal.png",
      "id" : 1098765432,
      "verified" : false
    }
  }
]