package synth

import "strings"

// The generator's vocabulary. Theme keywords appear only inside the theme
// clauses below, never in the generic phrases, so how often auto-coding
// fires is set by how often a theme clause is chosen (see themeRate).
//
// Every word here was checked against anon/data: no first names, no words
// from the ambiguous-name list ("will", "may", "summer"...), no digits, and
// nothing capitalised except "I", acronyms and declared places and agencies.

// concept is one theme the generator knows how to talk about.
type concept struct {
	slug, name, desc string
	keywords         []string
	clauses          []string // each contains at least one keyword
}

// tree is eight root concepts, each with four children in order.
var tree = [][]concept{
	{
		{"getting-help", "Getting help in the first place", "Families do not know where to start or whom to ask, and there is no obvious front door.",
			[]string{"front door", "who to ask"}, []string{"I didn't know who to ask", "there was no front door to knock on", "nobody tells you who to ask"}},
		{"digital-exclusion", "Online-only services", "Services that can only be reached online shut out people without a working phone, data or confidence.",
			[]string{"online form", "smartphone", "no data"}, []string{"everything is an online form now", "I haven't got a smartphone that works properly", "I had no data on my phone to do it"}},
		{"opening-hours", "Opening hours", "Offices and phone lines are open when people are at work, on the school run or asleep after a night shift.",
			[]string{"opening hours", "closed at"}, []string{"the opening hours are no good if you work", "the office closed at lunchtime", "by the time I got there it closed at half three"}},
		{"language-barriers", "Language barriers", "No interpreter, untranslated letters, children interpreting for their parents.",
			[]string{"interpreter", "translated"}, []string{"there was no interpreter at the meeting", "nothing was translated for my mum", "they used my daughter as the interpreter"}},
		{"travel-costs", "Getting there", "The cost and time of travelling to appointments.",
			[]string{"bus fare", "two buses"}, []string{"it's two buses to get to the office", "I couldn't afford the bus fare that week", "the bus fare there and back is a lot"}},
	},
	{
		{"housing", "Housing", "The family's home: its condition, its cost and the wait for a better one.",
			[]string{"landlord", "flat"}, []string{"the landlord never answers", "we've been in this flat for years", "the landlord said it's not his problem"}},
		{"housing-delay", "Waiting for a home", "Years on the waiting list, temporary accommodation, bidding that goes nowhere.",
			[]string{"waiting list", "temporary accommodation", "bidding"}, []string{"we've been on the waiting list for years", "we were in temporary accommodation for ages", "I keep bidding every week and get nowhere"}},
		{"damp-and-repairs", "Damp and repairs", "Damp, mould and repairs that are reported again and again.",
			[]string{"damp", "mould", "repairs"}, []string{"the damp is all up the bedroom wall", "the mould keeps coming back", "they keep saying repairs are booked"}},
		{"rent-arrears", "Rent arrears", "Arrears that build up, often while a benefit claim is stuck, and the fear of eviction.",
			[]string{"rent arrears", "eviction"}, []string{"the rent arrears built up while the claim was stuck", "we got an eviction letter", "the rent arrears letter frightened me"}},
		{"overcrowding", "Overcrowding", "Too many people in too few rooms.",
			[]string{"overcrowded", "sharing a room", "sofa"}, []string{"we're overcrowded in a two bed", "the three kids are sharing a room", "my eldest sleeps on the sofa"}},
	},
	{
		{"money-and-benefits", "Money and benefits", "Not having enough money, and the benefits system that is meant to help.",
			[]string{"money", "skint"}, []string{"there's never enough money at the end of the month", "we were skint for weeks", "money was the worry all the time"}},
		{"benefit-sanctions", "Sanctions and stopped payments", "Payments stopped or cut, often without an explanation the family understood.",
			[]string{"sanction", "universal credit"}, []string{"they put a sanction on me for missing one appointment", "the Universal Credit payment got stopped", "I was sanctioned and nobody explained why"}},
		{"debt", "Debt", "Debts that grow, and bailiffs at the door.",
			[]string{"debt", "bailiffs"}, []string{"the debt just kept growing", "the bailiffs came round", "I was in debt to three different places"}},
		{"food-poverty", "Food poverty", "Food banks, vouchers and parents going without.",
			[]string{"food bank", "vouchers"}, []string{"we ended up at the food bank", "the school gave us vouchers", "I went without so the kids could eat from the food bank"}},
		{"work-search", "Looking for work", "Work coaches and job search rules that do not fit family life.",
			[]string{"work coach", "job search"}, []string{"my work coach changed every few weeks", "the job search hours don't fit round the kids", "the work coach didn't know about my situation"}},
	},
	{
		{"working-together", "Services working together", "Whether the services around a family act as one.",
			[]string{"joined up", "left hand"}, []string{"nothing is joined up", "the left hand doesn't know what the right is doing", "it should be joined up but it isn't"}},
		{"duplication", "Multiple assessments and action plans", "The same family assessed and planned for by several services, each with its own forms.",
			[]string{"another assessment", "same questions", "action plan"}, []string{"then there was another assessment", "they all ask the same questions", "everyone has their own action plan"}},
		{"information-sharing", "Information not shared", "What one service knows never reaches the next.",
			[]string{"passed on", "nobody told"}, []string{"the information was never passed on", "nobody told the school what was happening", "my notes were never passed on"}},
		{"referrals", "Referrals and signposting", "Being referred or signposted on, and referrals that get lost.",
			[]string{"referral", "signposted"}, []string{"the referral got lost somewhere", "I was signposted somewhere else again", "we waited on a referral that never came"}},
		{"mixed-messages", "Mixed messages", "Services giving contradictory advice or demands.",
			[]string{"different things", "contradict"}, []string{"they all told me different things", "one worker would contradict the other", "I was getting different things from everyone"}},
	},
	{
		{"relationships", "Relationships with workers", "How families and workers get on, and what that does to the help.",
			[]string{"rapport", "on our side"}, []string{"there was no rapport with any of them", "it felt like nobody was on our side", "you need someone on our side"}},
		{"trusted-worker", "A worker who stuck with us", "One trusted worker who knew the family and stayed.",
			[]string{"key worker", "trusted"}, []string{"our key worker was the only one who stuck with us", "I trusted her because she was straight with me", "she was the first one I trusted"}},
		{"worker-turnover", "Worker turnover", "Workers changing so often that the family starts again each time.",
			[]string{"new worker", "changed worker"}, []string{"every time there was a new worker", "we changed worker four times in a year", "a new worker means starting again"}},
		{"being-judged", "Feeling judged", "Being looked down on or blamed for asking.",
			[]string{"judged", "looked down"}, []string{"I felt judged the minute I walked in", "they looked down on us", "you feel judged for asking"}},
		{"not-listened-to", "Not listened to", "Concerns raised by the family and ignored.",
			[]string{"not listening", "ignored"}, []string{"they were not listening to a word I said", "my concerns were ignored", "I felt ignored at every meeting"}},
	},
	{
		{"timing", "Timing of help", "Whether help comes when it is needed.",
			[]string{"too slow", "in time"}, []string{"everything was too slow", "help never came in time", "it was all too slow to make a difference"}},
		{"intervening-too-late", "Intervening too late", "Problems left to grow until they became a crisis.",
			[]string{"too late", "wait and see"}, []string{"by then it was too late", "they said wait and see", "it was too late to stop it"}},
		{"thresholds", "Thresholds", "Help rationed by thresholds the family has to meet.",
			[]string{"threshold", "not bad enough"}, []string{"we didn't meet the threshold", "we were not bad enough for help", "the threshold keeps going up"}},
		{"case-closure", "Cases closed too soon", "Support withdrawn as soon as things improve.",
			[]string{"closed the case", "signed off"}, []string{"they closed the case as soon as things got better", "we got signed off too early", "they closed the case without telling me"}},
		{"waiting-times", "Waiting times", "Months waiting for a call back, an appointment or a decision.",
			[]string{"months waiting", "on hold"}, []string{"it was months waiting for anything", "I was on hold for an hour", "we spent months waiting for a call back"}},
	},
	{
		{"safety", "Safety and policing", "Feeling safe at home and in the neighbourhood.",
			[]string{"safe", "unsafe"}, []string{"I don't feel safe on the estate", "the kids are unsafe walking to school", "nowhere felt safe"}},
		{"antisocial-behaviour", "Antisocial behaviour", "Noise, intimidation and antisocial behaviour around the home.",
			[]string{"antisocial", "noise"}, []string{"the antisocial behaviour on the stairs is every night", "the noise from next door never stops", "we reported the antisocial behaviour again"}},
		{"police-response", "Police response", "What happened when the police were called.",
			[]string{"police came", "crime number"}, []string{"the police came the next day", "all we got was a crime number", "by the time the police came they'd gone"}},
		{"domestic-abuse", "Domestic abuse", "Domestic abuse and what services did about it.",
			[]string{"domestic abuse", "refuge"}, []string{"after the domestic abuse we had to move", "we ended up in a refuge", "nobody asked about the domestic abuse"}},
		{"exploitation", "Exploitation of young people", "Young people drawn into gangs and county lines.",
			[]string{"exploitation", "county lines", "gangs"}, []string{"my eldest got pulled into county lines", "the gangs wait outside the school", "nobody called it exploitation until later"}},
	},
	{
		{"health", "Health and wellbeing", "Physical and mental health in the family.",
			[]string{"wellbeing", "struggling"}, []string{"my wellbeing went right down", "I was struggling and nobody noticed", "we were all struggling"}},
		{"mental-health", "Mental health", "Anxiety, depression and getting help for them.",
			[]string{"mental health", "anxiety", "depression"}, []string{"my mental health went downhill", "the anxiety stopped me going out", "I was on tablets for depression"}},
		{"gp-access", "Getting to see a doctor", "Getting an appointment with the GP.",
			[]string{"doctor's appointment", "GP surgery"}, []string{"you can't get a doctor's appointment for weeks", "the GP surgery phone lines are always busy", "the GP surgery sent us away"}},
		{"camhs", "Children's mental health services", "Waiting for CAMHS and for autism assessments.",
			[]string{"CAMHS", "autism"}, []string{"we were on the CAMHS list for two years", "he's still waiting for his autism assessment", "CAMHS said he wasn't ill enough"}},
		{"disability-and-care", "Disability and care", "Disability, care packages and homes that do not fit.",
			[]string{"disability", "care package", "wheelchair"}, []string{"his disability was never taken into account", "the care package got cut", "the flat isn't suitable for a wheelchair"}},
	},
}

// rootColours are the root themes' colours (Okabe–Ito and neighbours);
// children get lighter tints of their root's colour.
var rootColours = [][3]uint8{
	{0x00, 0x72, 0xb2}, {0xd5, 0x5e, 0x00}, {0x00, 0x9e, 0x73}, {0xcc, 0x79, 0xa7},
	{0xe6, 0x9f, 0x00}, {0x56, 0xb4, 0xe9}, {0xb4, 0x23, 0x18}, {0x6a, 0x3d, 0x9a},
}

// Wards and agencies are declared in insight.yaml's vocabulary, so the
// anonymisation guard may treat them as known names.
var (
	wards    = []string{"Northgate", "Riverside", "Millbrook", "Castlefield", "Southmead", "Canal Side", "Oakfield", "Hillcrest"}
	agencies = []string{"Wellmere Borough Council", "Wellmere Homes", "Job Centre", "Universal Credit", "GP", "NHS", "CAMHS", "Early Help", "Citizens Advice"}
)

// verbGroup is verb phrases with the objects that fit them.
type verbGroup struct{ verbs, objects []phrase }

// phrase is a piece of a sentence with its word count precomputed.
type phrase struct {
	text string
	n    int
}

func phrases(ss ...string) []phrase {
	out := make([]phrase, len(ss))
	for i, s := range ss {
		out[i] = phrase{s, len(strings.Fields(s))}
	}
	return out
}

// Generic spoken English. None of these contains a theme keyword.
var (
	openers = phrases("well,", "so", "I mean,", "to be honest,", "you know,", "honestly,", "and", "but", "the thing is,",
		"like I said,", "at first", "in the end", "looking back,", "if I'm honest,", "basically", "and then", "oh,", "right, so")
	subjects = phrases("I", "we", "my mum", "my partner", "my dad", "the kids", "my eldest", "the youngest", "my nan", "they",
		"the worker", "the school", "the housing officer", "the social worker", "the health visitor", "the lady on the phone",
		"the man at the desk", "nobody", "everyone", "the council", "the police", "the teacher", "my sister", "my brother",
		"the family support worker", "the job centre", "the nurse", "the head teacher", "our neighbour")
	// A verb phrase and its objects go together: one rings a person, goes
	// to a place and fills in a document.
	verbs = []verbGroup{
		{phrases("kept ringing", "tried to sort it out with", "had to explain everything to", "never heard back from",
			"was waiting on", "complained to", "had a meeting with", "spoke to", "didn't believe", "couldn't get through to",
			"was let down by", "kept chasing", "gave up on", "was scared of", "relied on", "was honest with",
			"never got anywhere with", "was passed between", "emailed", "rang"),
			phrases("the school", "the housing officer", "the social worker", "the job centre", "the council", "the GP",
				"the police", "the health visitor", "the helpline", "the support worker", "the early help team",
				"the manager", "Citizens Advice", "the receptionist", "the duty worker", "them", "everyone",
				"the head of year", "the nurse")},
		{phrases("went down to", "ended up going to", "got sent to", "turned up at", "went back to", "sat for hours at",
			"walked over to", "waited outside"),
			phrases("the office", "the café at the hub", "the community centre", "the nursery", "the college",
				"the housing office", "the hospital", "the family hub", "the advice centre", "the pharmacy",
				"the children's centre", "the library", "the reception desk")},
		{phrases("filled in", "got a letter about", "asked about", "had to go through", "never understood", "lost track of",
			"waited weeks for", "sent off", "argued about", "signed"),
			phrases("the forms", "the letter", "the appointment", "the assessment", "the paperwork", "the payments",
				"the review", "the plan", "the decision", "the application", "the statement", "the council tax")},
	}
	tails = phrases("every single week", "for months", "in the end", "again and again", "first thing in the morning",
		"before the holidays", "after that", "last winter", "straight away", "for ages", "on my own", "with the kids in tow",
		"more than once", "at the time", "the whole time", "most days", "over the phone", "by the end of it", "twice",
		"after school", "on a weekday")
	feelings = phrases("it was hard", "it was a nightmare", "it was exhausting", "it was a relief", "it was so frustrating",
		"it was really stressful", "that was the worst part", "it was a lot to deal with", "I felt let down",
		"I felt like a number", "I felt completely lost", "I was at the end of my tether", "it made a real difference",
		"it was nice to be asked", "I didn't know what to do")
	connectors = phrases("and", "but", "because", "so", "and then", "which meant", "even though", "until", "when",
		"and after that", "but then", "so in the end", "—")
	reporters = phrases("she said", "he said", "the mother said", "the worker explained that", "the grandmother said",
		"the young person told me", "one parent said", "the officer admitted that", "a volunteer mentioned that")
	observers = phrases("the family", "the mother", "the worker", "the officer", "the group", "she", "he", "the young person",
		"the grandmother", "a volunteer", "the receptionist", "the duty worker")
	asides = phrases("[laughs]", "[pause]", "[inaudible]", "[sighs]")

	questionStarts = phrases("can you tell me a bit more about", "what happened after you went to", "how did you feel about",
		"who helped you most with", "what would have made a difference with", "when did you first hear about",
		"looking back, what do you think about", "and how was it dealing with", "could you talk me through")
	questionTails = phrases("at that point", "for you and the kids", "back then", "in the end", "at the time", "")
	questions     = phrases("and how did that make you feel at the time", "what do you think would have helped you most",
		"can you say a bit more about what happened next", "who was the first person you spoke to about it",
		"and was there anyone who made things easier for you", "what would you change if you were in charge")
)

// PII planted on request: names after a kinship word, phone numbers from the
// range Ofcom reserves for drama, and postcode-shaped strings.
var (
	plantBoys  = []string{"Jayden", "Liam", "Oliver", "Kacper", "Tyler", "Ryan", "Connor", "Ethan", "Callum", "Harvey", "Kyle"}
	plantGirls = []string{"Chloe", "Aisha", "Amira", "Megan", "Zara", "Leah", "Maryam", "Jessica", "Sophie"}
	boyKin     = []string{"my son", "my grandson", "my eldest boy"}
	girlKin    = []string{"my daughter", "my granddaughter", "my little girl"}
)
