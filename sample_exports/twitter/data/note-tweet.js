window.YTD.note_tweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1940115699401145176",
      "updatedAt" : "2025-07-01T18:30:03.000Z",
      "lifecycle" : {
        "value" : "1",
        "name" : "Created",
        "originalName" : "Created",
        "annotations" : {}
      },
      "createdAt" : "2025-07-01T18:30:03.000Z",
      "core" : {
        "styletags" : [],
        "urls" : [],
        "text" : "Three years qualified today. What I have learned: listen more than you talk, write your case notes the same day, and never promise a family something the panel has not agreed. The hardest part of the job is not the caseload, it is holding hope for people when they have run out of it themselves. Grateful for every colleague who has held it for me on the bad weeks. Here is to the next three.",
        "mentions" : [],
        "cashtags" : [],
        "hashtags" : []
      }
    }
  }
]
