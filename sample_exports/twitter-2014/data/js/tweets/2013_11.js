Grailbird.data.tweets_2013_11 = 
[
  {
    "source" : "<a href=\"http:\/\/twitter.com\/download\/iphone\" rel=\"nofollow\">Twitter for iPhone<\/a>",
    "entities" : {
      "user_mentions" : [],
      "media" : [],
      "hashtags" : [],
      "urls" : []
    },
    "geo" : {
      "type" : "Point",
      "coordinates" : [
        53.5254,
        -1.6296
      ]
    },
    "id_str" : "396669260005111554",
    "text" : "Penistone for the weekend, walking boots on \ud83e\udd7e",
    "id" : 396669260005111554,
    "created_at" : "2013-11-02 16:04:56 +0000",
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
    "id_str" : "403110662373995366",
    "text" : "Placement agency rang: my practice educator is called Dick. Dick Whittington jokes already exhausted",
    "id" : 403110662373995366,
    "created_at" : "2013-11-20 10:40:46 +0000",
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
    "id_str" : "403477965960732325",
    "text" : "RT @chavwatch_x: Council estate mums claiming benefits for kids they can't be bothered to raise, scroungers the lot",
    "id" : 403477965960732325,
    "created_at" : "2013-11-21 11:00:18 +0000",
    "user" : {
      "name" : "Jo Example",
      "screen_name" : "jo_example_sw",
      "protected" : false,
      "id_str" : "1098765432",
      "profile_image_url_https" : "https:\/\/abs.twimg.com\/sticky\/default_profile_images\/default_profile_0_normal.png",
      "id" : 1098765432,
      "verified" : false
    },
    "retweeted_status" : {
      "source" : "web",
      "entities" : {
        "user_mentions" : [],
        "media" : [],
        "hashtags" : [],
        "urls" : []
      },
      "geo" : {},
      "id_str" : "403432667477908679",
      "text" : "Council estate mums claiming benefits for kids they can't be bothered to raise, scroungers the lot of them. Sterilise them.",
      "id" : 403432667477908679,
      "created_at" : "2013-11-21 08:00:18 +0000",
      "user" : {
        "name" : "Chavwatch_X",
        "screen_name" : "chavwatch_x",
        "protected" : false,
        "id_str" : "44556677",
        "id" : 44556677,
        "verified" : false
      }
    }
  }
]