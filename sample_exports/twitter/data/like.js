window.YTD.like.part0 = [
  {
    "like" : {
      "tweetId" : "1403300112233445566",
      "fullText" : "Free flu jabs for carers at the Northwick community centre this Saturday, no appointment needed",
      "expandedUrl" : "https://twitter.com/i/web/status/1403300112233445566"
    }
  },
  {
    "like" : {
      "tweetId" : "1399988877766655544",
      "fullText" : "social workers are all c*nts who steal kids, every last one",
      "expandedUrl" : "https://twitter.com/i/web/status/1399988877766655544"
    }
  },
  {
    "like" : {
      "tweetId" : "1388877766655544433",
      "expandedUrl" : "https://twitter.com/i/web/status/1388877766655544433"
    }
  }
]
