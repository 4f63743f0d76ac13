window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "jo.example.sw@example.com",
      "createdVia" : "web",
      "username" : "jo_example_sw",
      "accountId" : "1098765432",
      "createdAt" : "2015-09-01T10:00:00.000Z",
      "accountDisplayName" : "Jo Example"
    }
  }
]
