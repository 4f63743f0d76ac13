var user_details =  {
  "screen_name" : "jo_example_sw",
  "location" : "Northwick",
  "full_name" : "Jo Example",
  "bio" : "Student social worker",
  "id" : "1098765432",
  "created_at" : "2012-09-01 10:00:00 +0000"
}