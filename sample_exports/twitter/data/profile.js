window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Social worker. Views my own. Tea, hills, and too many books.",
        "website" : "https://t.co/Pr0f1leLnk",
        "location" : "Northwick"
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/avatar.jpg"
    }
  }
]
