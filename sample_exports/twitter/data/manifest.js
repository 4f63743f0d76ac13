window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1098765432",
    "userName" : "jo_example_sw",
    "displayName" : "Jo Example"
  },
  "archiveInfo" : {
    "sizeBytes" : "48213",
    "generationDate" : "2025-11-02T10:14:52.310Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200"
  },
  "readmeInfo" : {
    "fileName" : "data/README.txt",
    "directory" : "data/",
    "name" : "README.txt"
  },
  "dataTypes" : {
    "account" : {
      "files" : [
        {
          "fileName" : "data/account.js",
          "globalName" : "YTD.account.part0",
          "count" : "1"
        }
      ]
    },
    "communityTweet" : {
      "mediaDirectory" : "data/community_tweet_media",
      "files" : [
        {
          "fileName" : "data/community-tweet.js",
          "globalName" : "YTD.community_tweet.part0",
          "count" : "1"
        }
      ]
    },
    "deletedTweets" : {
      "mediaDirectory" : "data/deleted_tweets_media",
      "files" : [
        {
          "fileName" : "data/deleted-tweets.js",
          "globalName" : "YTD.deleted_tweets.part0",
          "count" : "1"
        }
      ]
    },
    "directMessages" : {
      "mediaDirectory" : "data/direct_messages_media",
      "files" : [
        {
          "fileName" : "data/direct-messages.js",
          "globalName" : "YTD.direct_messages.part0",
          "count" : "1"
        }
      ]
    },
    "follower" : {
      "files" : [
        {
          "fileName" : "data/follower.js",
          "globalName" : "YTD.follower.part0",
          "count" : "0"
        }
      ]
    },
    "like" : {
      "files" : [
        {
          "fileName" : "data/like.js",
          "globalName" : "YTD.like.part0",
          "count" : "3"
        }
      ]
    },
    "noteTweet" : {
      "files" : [
        {
          "fileName" : "data/note-tweet.js",
          "globalName" : "YTD.note_tweet.part0",
          "count" : "1"
        }
      ]
    },
    "profile" : {
      "mediaDirectory" : "data/profile_media",
      "files" : [
        {
          "fileName" : "data/profile.js",
          "globalName" : "YTD.profile.part0",
          "count" : "1"
        }
      ]
    },
    "tweets" : {
      "mediaDirectory" : "data/tweets_media",
      "files" : [
        {
          "fileName" : "data/tweets.js",
          "globalName" : "YTD.tweets.part0",
          "count" : "10"
        },
        {
          "fileName" : "data/tweets-part1.js",
          "globalName" : "YTD.tweets.part1",
          "count" : "7"
        }
      ]
    }
  }
}
