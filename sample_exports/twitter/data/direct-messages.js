window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1098765432-2233445566",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "2233445566",
            "reactions" : [],
            "urls" : [],
            "text" : "Can you cover my Thursday visit? I'll owe you a pint",
            "mediaUrls" : [],
            "senderId" : "1098765432",
            "id" : "1400014653225946225",
            "createdAt" : "2021-06-02T09:01:50.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1098765432",
            "reactions" : [],
            "urls" : [],
            "text" : "Go on then",
            "mediaUrls" : [],
            "senderId" : "2233445566",
            "id" : "1400015626304437901",
            "createdAt" : "2021-06-02T09:05:05.000Z"
          }
        }
      ]
    }
  }
]
