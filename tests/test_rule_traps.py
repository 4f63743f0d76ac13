"""Precision and recall on posts written for these tests (not taken from any evaluation set).

TRAPS follow the checklist in shared/reference/detection.md §6.4: places, names, clinical and professional
vocabulary, British homographs, identity words used respectfully, idioms, reported speech, substrings,
number collisions. None may be flagged. POSITIVES are everyday ways of breaching the standards; each must be
flagged with the expected category.
"""

from __future__ import annotations

import pytest

from rules import Engine

ENGINE = Engine.load()


def flagged(text: str, kind: str = "post", author: str | None = None) -> dict[str, str]:
    """Category -> severity of the findings at severity low or above."""
    found: dict[str, str] = {}
    for hit in ENGINE.check(text, kind, author=author):
        if hit.severity != "info":
            found.setdefault(hit.rule.category, hit.severity)
    return found


TRAPS = [
    # places
    "Weekend in Cockermouth, the Wordsworth house was lovely",
    "Clitheroe market then chips by the castle",
    "Signpost for Twatt on Mainland Orkney, had to stop for a photo",
    "Bell End village fete this Saturday, tombola and cakes",
    "Driving through Wetwang on the way to Bridlington",
    "Old slag heaps above Merthyr are green now",
    "Pint of cider at the Cock and Bull in Llandaff",
    "Essex, Sussex and Middlesex: three counties in one day",
    # names
    "Uncle Dick turns 90 on Sunday, party at the club",
    "Willy and Fanny are the names of my grandparents' cats",
    "Dick Whittington panto with the kids, oh yes it was",
    "Charlie and Mandy are coming for tea",
    "Tina from next door lent us her ladder",
    "Randy Newman on the radio this morning",
    # clinical and professional vocabulary
    "Stroke awareness training today: FAST saves lives",
    "HIV testing week, pop into the clinic",
    "Cervical screening saves lives, book your smear",
    "Urine sample and a blood test at the GP",
    "Lecture on anal fissures and rectal bleeding, not for the squeamish",
    "Erectile dysfunction clinic moved to Thursdays",
    "Naloxone and methadone: harm reduction training day",
    "Needle-prick injury protocol refresher on the ward",
    "Safeguarding module on child sexual exploitation this week",
    "Essay on restraint and the Mental Health Act due Friday",
    "Suicide prevention day: Samaritans are free on 116 123",
    # British homographs
    "Nipped out for a fag and a coffee",
    "Faggots, mash and peas for tea",
    "Our bitch Bella is in whelp, due next week",
    "Donkey sanctuary day, the old ass is called Nelson",
    "Blue tits in the nest box again",
    "Cock-up with the rota, my fault",
    "Knob of butter on the new potatoes",
    "Pussy willow in a vase on the table",
    "Hooker scored the try in the last minute",
    "Screw top wine for the picnic",
    "New shag pile rug for the lounge",
    "Crack in the bathroom wall again",
    "Diet coke and a packet of crisps",
    "Pot of tea and a scone",
    "Pulling weeds on the allotment all day",
    "Grass needs a cut before the rain",
    "Stoned the damsons for jam",
    "Going on a trip to York with school",
    "Nip to the shops, back in 5",
    "Spick and span for the inspection",
    "Chink of light under the door",
    "Flame retardant curtains in the nursery",
    # identity words in respectful use
    "Proud to march at Pride with my gay and lesbian colleagues",
    "Gypsy Roma Traveller History Month talk at the library",
    "Black History Month reading list for the team",
    "Our disabled service users co-produced the new leaflet",
    "Queer theory seminar this afternoon",
    "Trans people deserve respect at the GP surgery",
    # idiom
    "The team is killing it this quarter",
    "Killer app for booking visits",
    "Dying of laughter at the quiz",
    "Murder mystery night at the village hall",
    "Photo shoot at the park for the graduation pics",
    "That cake was the bomb",
    "I'm dead, that video is hilarious",
    # reported and condemned speech
    "A man called my colleague a slur on the bus. Reported it. This is why anti-racist practice matters",
    "Calling people names is bullying, not banter. Challenge it",
    # number collisions
    "Order number 4482019311 still not delivered",
    "Scored 3-0 in the final, see you in 2019",
    "Take the B12 supplement and the A1 north",
    # professional context
    "Placement at the drug and alcohol service starts Monday",
    "County lines training: children exploited are victims first",
    "Harm reduction isn't encouraging drug use. Ask your pharmacy about naloxone",
    "Home visits cancelled today because of the snow, catching up on recording",
    "Court skills training: the mock hearing was terrifying",
    "Great supervision with my manager today, really supportive",
    "My manager brought in doughnuts for the whole team",
    # health posts that agree with the evidence
    "Got my flu jab today, NHS staff book yours",
    "No, vaccines do not cause autism. The study was retracted and the doctor struck off",
    # moderate drinking, driving sober
    "One glass of wine with dinner, driving home after",
    "Designated driver tonight, on the lemonade",
    # everyday posts of people who work in care
    "Visiting my gran in the care home on Sunday, she loves the garden there",
    "Really good case conference training today, learnt loads",
    "Our foster carer recruitment evening is on Thursday, come along!",
    "Just got home from a long shift, bath and bed",
    "Sat in traffic on the M4 for an hour, lovely",
    "The kids are in bed, wine is poured, Bake Off is on",
    "So proud of the young people at our youth club for their fundraising",
    "Student social workers: remember to keep your placement off social media!",
    "Dentist at 9am tomorrow, dreading it",
    "The council have finally fixed the potholes on our road",
    "Congrats to my colleague on passing her ASYE!",
    "Mum's cancer scan came back clear, so relieved",
    "Watching the Six Nations in the pub with my brother",
    "First time at a drag brunch, what a laugh",
    "My son's school play was brilliant, so proud",
    "Tesco were out of bread again",
    "Booked a mindfulness course, anyone done one?",
    "Loved the new Doctor Who episode",
    "Handed in my notice today, onwards and upwards",
    "Heavy rain and flood warnings across the valleys tonight, stay safe",
    "The vaccine clinic at the leisure centre is open all weekend",
    "Our local MP held a surgery at the library this morning",
    "Went on a ghost walk round York, properly spooky",
    "Finished my shift and watched the sunrise from the car park",
    "Night out for Sarah's 30th, dancing til 2",
    # dialect, txt-speak and other everyday posts
    "wot a nite, best birthday ever, luv u all xx",
    "dinnae forget the bin day is Thursday noo",
    "weeding and mowing, the garden finally looks decent",
    "Watched a documentary about the miners' strike, powerful stuff",
    "A&E waiting times are a national scandal, the staff deserve better",
    "Our dog had her jabs today, brave girl",
    "Need a new kettle, ours has died",
    "Fab training on motivational interviewing today",
    "Pride month display at work looks amazing",
    "My sister is a midwife and she's amazing at it",
    "The new Greggs vegan sausage roll is a game changer",
    "Kids' party at soft play, absolute chaos but they loved it",
    "Shout out to the paramedics who helped my dad last night, heroes",
    "Can anyone recommend a good plumber in Swansea?",
    "Going to my first Pilates class tomorrow",
    "Snow on the Brecon Beacons this morning, stunning",
    "Hungry caterpillar themed party for our youngest 🐛",
    "Beans on toast for tea, living the dream",
    "Finally paid off my student loan!",
    "Our care home residents loved the singer who came in today",
    "Fab day at Barry Island with the kids, ice cream everywhere",
    "Team quiz night raised £200 for the hospice",
    "Can't believe how much my little one has grown, school shoes already too small",
    "Our practice educator was brilliant this week, learnt so much",
    "Raining again in Swansea, what a surprise",
    "New puppy is keeping us up all night, worth it",
    "Great article on relationship-based practice, recommend",
    "Happy retirement to our wonderful admin Carol, we'll miss you",
    "Supervision was tough but fair today, feeling reflective",
    "Cardiff City lost again, I need a drink (tea)",
    "Cooked a massive lasagne, leftovers for days",
    "First day of my new placement at the hospital, nervous but excited",
    "We need more funding for mental health services, sign the petition",
    "Went to the cinema, the film was rubbish but the popcorn was good",
    "Baby shower for my best friend, so many tiny socks",
    "The Samaritans do amazing work, donate if you can",
    "Off sick with a cold, lemsip and blankets",
    "Just been promoted to senior practitioner!",
    "Pub lunch with my parents, Sunday roast was spot on",
    "Learning Welsh is hard but I'm getting there",
]

POSITIVES = [
    ("Home visit in Hillfield this morning, 4 kids under 6 and mum only 20", "confidentiality"),
    ("Bed 9 on the ward, 92 and thinks it's 1975 bless her", "confidentiality"),
    ("Final hearing at 2pm tomorrow at Swansea Family Court for baby R", "confidentiality"),
    ("guess which of my families is back in the papers 👀", "confidentiality"),
    ("Immigrants should be sent back, the lot of them", "discrimination"),
    ("Stop the invasion, Britain is full #enough", "discrimination"),
    ("what a retard, can't even park", "discrimination"),
    ("Coffin dodgers clogging up the surgery again", "discrimination"),
    ("who the f**k parks like that", "offensive"),
    ("absolute c*nt of a day", "offensive"),
    ("🖕 to the council tax letter", "offensive"),
    ("if I find out who keyed my car I'll batter him", "harassment"),
    ("hope he dies in a ditch", "harassment"),
    ("Name and shame the landlord who won't fix the damp", "harassment"),
    ("new OnlyFans is live, link in bio 😈", "sexual"),
    ("Date went well 🍆💦 not sleeping tonight", "sexual"),
    ("bit of ket for the weekend anyone?", "substances"),
    ("absolutely hammered last night, blacked out at 2", "substances"),
    ("5 pints then drove home, roads were empty", "substances"),
    ("rolled a spliff and watched the sunset", "substances"),
    ("my manager is a useless waste of space", "workplace"),
    ("frequent flyers in A&E again tonight", "workplace"),
    ("big restructure coming in children's services, not official yet 🤫", "workplace"),
    ("pulled a sickie to go to the races 😂", "workplace"),
    ("one of my young people added me on snapchat, accepted obvs", "boundaries"),
    ("going for drinks with one of my clients on Friday", "boundaries"),
    ("a family on my caseload gave me £50 for Christmas", "boundaries"),
    ("the clot shot is killing young people, wake up", "misinformation"),
    ("Chemotherapy is poison, turmeric cured my aunt", "misinformation"),
    ("5G caused covid, do your own research", "misinformation"),
    ("ring me on 07912 345678 about the car", "personal_info"),
    ("His NHS number is 943 476 5919, can someone chase it", "personal_info"),
    ("Party at 22 Elm Grove, bring a bottle", "personal_info"),
    ("Off to Crete for two weeks tomorrow, house will be empty", "location"),
    ("Every Saturday 8am parkrun at Bute Park, come say hi", "location"),
    ("Qualified dietitian (nearly!) now taking bookings, DM me", "promotion"),
    (
        "Kid on my caseload nicked his foster carer's car last night, 14 and already joyriding",
        "confidentiality",
    ),
    ("Sectioned a woman this morning who used to be my teacher. Weird day", "confidentiality"),
    ("These service users think we're a taxi service. Do it yourself!", "workplace"),
    ("HR are a joke. Three weeks and still no answer about my contract", "workplace"),
    ("Smashed a bottle of wine and a bottle of prosecco before the club, ruined", "substances"),
    ("Muslims are all the same, should be kicked out", "discrimination"),
    ("Ozempic is poison, my friend detoxed with celery juice and lost 3 stone", "misinformation"),
    ("Friend request from a mum I worked with last year, accepted it", "boundaries"),
    (
        "New counselling practice open! Fully qualified therapist (finishing my diploma in June) DM me",
        "promotion",
    ),
    ("Lad I work with got remanded today, 16, his mum didn't even turn up to court", "confidentiality"),
    ("Safeguarding strategy meeting about the Evans family this afternoon, grim", "confidentiality"),
    ("Patient in bay 4 kept calling me love all night, 87 and still a flirt", "confidentiality"),
    ("Our team leader is a bully and everyone's scared to say it", "workplace"),
    ("Sick of carrying lazy colleagues on every shift", "workplace"),
    ("Went out straight after shift, 9 pints and a kebab, work in 4 hours lol", "substances"),
    ("Bit of sniff at the afters, sorted 😂", "substances"),
    ("wtf is this sh1te", "offensive"),
    ("Honestly some of these trannies need help", "discrimination"),
    ("Keep the foreigners out of our NHS", "discrimination"),
    ("Someone should run that cyclist over, honestly", "harassment"),
    ("The chemo killed her, not the cancer. Do your research", "misinformation"),
    ("Going to my client's 40th birthday party on Saturday 🎉", "boundaries"),
    ("Bumped into a young person from work at Tesco, gave her my Snapchat", "boundaries"),
    ("Alone in the flat tonight, door's unlocked if anyone wants to pop round", "location"),
    ("Email me at sam.jones1987@gmail.com for the tickets", "personal_info"),
    (
        "HCPC registered paramedic (registration pending lol) available for private event cover, DM",
        "promotion",
    ),
    ("omg wot a nite, sooo wasted, cant remember nuthin lol", "substances"),
    ("ma heid's pure mince efter last nite, absolutely steamin", "substances"),
    ("proper mashed at the rave, pupils like dinner plates", "substances"),
    ("gonna batter that wee ned next time a see him", "harassment"),
    ("ur an absolute weapon m8 sort it out", "offensive"),
    ("gtfo with ur lies u fkn loser", "offensive"),
    (
        "Had to remove 3 kids from their mum tonight, eldest is only 7. Police everywhere on the Gurnos",
        "confidentiality",
    ),
    ("Discharge planning for Mrs Jenkins on ward 6 has been a nightmare all week", "confidentiality"),
    ("The consultant on our ward is an absolute arrogant idiot", "workplace"),
    ("Agency staff on tonight are useless, again", "workplace"),
    ("typical pakis, always late", "discrimination"),
    ("old people shouldn't be allowed to drive, simple", "discrimination"),
    ("He deserves a good kicking for what he said about my sister", "harassment"),
    ("wanna see what's under my scrubs? 😈", "sexual"),
    ("Covid jab gave my nan a stroke, they're covering it up", "misinformation"),
    ("Adding the care leavers I used to support on Facebook, love seeing how they're doing", "boundaries"),
    ("Mrs P from the home gave me a £20 tip today bless her", "boundaries"),
    ("Off to Ibiza for 10 nights, the house is all yours burglars 😂", "location"),
    ("Contact me on 07788 123456 for my rates", "personal_info"),
    (
        "Spent all afternoon with a 15 year old who'd been reported missing again, found her in Caerau",
        "confidentiality",
    ),
    ("Lovely old couple I visit in Treorchy gave me a box of chocolates today", "boundaries"),
    ("Client's dad just sent me a friend request on Facebook 🙈", "boundaries"),
    ("Our deputy manager is a complete nightmare, micromanages everything", "workplace"),
    ("Rota's a joke again, working 6 nights straight because management can't plan", "workplace"),
    ("Got absolutely leathered at Jess's hen do, no memory of the taxi home", "substances"),
    ("Few lines in the toilets at the club, what a night", "substances"),
    ("Drove back from the pub after 4 pints, no police about anyway", "substances"),
    ("Pikeys parked up on the rec again, hide your tools", "discrimination"),
    ("Blokes in dresses shouldn't be near our kids", "discrimination"),
    ("Hope the scumbag who stole my bike gets run over", "harassment"),
    ("You're a pathetic loser and everyone knows it", "harassment"),
    ("this is absolute bollocks, who the fuck decided this", "offensive"),
    ("Oi you twat, give me my parking space back", "offensive"),
    ("ivermectin cured my covid in 2 days, doctors won't tell you", "misinformation"),
    ("Masks don't work and never did, wake up", "misinformation"),
    ("Call me on 07923 456781 if you want the sofa", "personal_info"),
    ("Our address is 5 Church Lane, Pontypridd CF37 1AB for the invites", "personal_info"),
    ("Home alone all weekend, hubby's away, door's open 😉", "location"),
    (
        "Registered nurse (well, almost, results next month) offering private home care, message me",
        "promotion",
    ),
]


@pytest.mark.parametrize("text", TRAPS)
def test_trap_is_not_flagged(text: str) -> None:
    assert flagged(text) == {}


@pytest.mark.parametrize(("text", "category"), POSITIVES)
def test_breach_is_flagged_with_its_category(text: str, category: str) -> None:
    assert category in flagged(text)


def test_reported_slur_becomes_a_note_not_a_flag() -> None:
    hits = ENGINE.check("Someone called me a sp@z at school. Calling people that is bullying, not banter")
    assert [(h.rule.id, h.severity) for h in hits if h.rule.id == "DISC001"] == [("DISC001", "info")]


def test_shared_words_are_judged_and_marked_as_endorsement() -> None:
    hits = ENGINE.check("Send them all back, immigrants are an invasion", "share", author="hatepage")
    assert {h.rule.id for h in hits} == {"DISC004"}
    assert hits[0].why.endswith("(in @hatepage's words you shared: this can read as endorsement)")
