Grailbird.data.tweets_2014_02 = 
[
  {
    "source" : "<a href=\"http:\/\/twitter.com\/download\/iphone\" rel=\"nofollow\">Twitter for iPhone<\/a>",
    "entities" : {
      "user_mentions" : [
        {
          "name" : "sam_k_example",
          "screen_name" : "sam_k_example",
          "indices" : [
            0,
            14
          ],
          "id_str" : "2233445566",
          "id" : 2233445566
        }
      ],
      "media" : [],
      "hashtags" : [],
      "urls" : []
    },
    "geo" : {},
    "id_str" : "434416888708843644",
    "text" : "@sam_k_example ha, no chance, I've got a case conference at 9",
    "id" : 434416888708843644,
    "created_at" : "2014-02-14 20:00:32 +0000",
    "user" : {
      "name" : "Jo Example",
      "screen_name" : "jo_example_sw",
      "protected" : false,
      "id_str" : "1098765432",
      "profile_image_url_https" : "https:\/\/abs.twimg.com\/sticky\/default_profile_images\/default_profile_0_normal.png",
      "id" : 1098765432,
      "verified" : false
    },
    "in_reply_to_status_id_str" : "434401764047134074",
    "in_reply_to_status_id" : 434401764047134074,
    "in_reply_to_user_id_str" : "2233445566",
    "in_reply_to_user_id" : 2233445566,
    "in_reply_to_screen_name" : "sam_k_example"
  }
]