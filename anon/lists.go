package anon

import (
	_ "embed"
	"strings"
	"sync"
)

var (
	//go:embed data/firstnames.txt
	firstNamesTxt string
	//go:embed data/firstnames-broad.txt
	broadFirstNamesTxt string
	//go:embed data/surnames.txt
	surnamesTxt string
	//go:embed data/ambiguous.txt
	ambiguousTxt string
	//go:embed data/pseudonyms.txt
	pseudonymsTxt string
)

// lists are the embedded word lists, parsed once and never changed.
type lists struct {
	first, sur, ambiguous, strong map[string]bool
	// broadOnly are the names only firstnames-broad.txt lists: many are
	// also places ("whitley"), so a place preposition before one in lower
	// case asks for more.
	broadOnly map[string]bool
	// weak are names only ambiguous.txt lists ("star", "rob"): a cue
	// makes them names, a capital alone does not ("Star Wars").
	weak     map[string]bool
	agencies *phrases
	// brands are well-known chains (data/brands.txt); brandWords those
	// that are also everyday words, needing a capital.
	brands, brandWords *phrases
}

// loadLists parses the embedded lists on first use; the result is shared
// read-only by every Detector.
var loadLists = sync.OnceValue(func() *lists {
	l := &lists{
		first:     wordSet(firstNamesTxt + "\n" + broadFirstNamesTxt),
		broadOnly: wordSet(broadFirstNamesTxt),
		sur:       wordSet(surnamesTxt),
		ambiguous: wordSet(ambiguousTxt),
		agencies:  newPhrases(agencyNames),
	}
	l.brands, l.brandWords = brandLists(brandsTxt)
	// ambiguous.txt lists names that are also words; each is a first name
	// too ("rob", "sunny", "autumn"), so a cue makes it one, except the
	// few there only to guard a word.
	for w := range wordSet(firstNamesTxt) {
		delete(l.broadOnly, w)
	}
	l.weak = map[string]bool{}
	for w := range l.ambiguous {
		if !notFirstNames[w] && !l.first[w] {
			l.first[w] = true
			l.weak[w] = true
		}
	}
	// Names that are months or places need more than a capital letter: "in
	// May", "to Chelsea".
	l.strong = map[string]bool{}
	for _, w := range strings.Fields(monthsAndPlaces) {
		l.strong[w] = true
		l.ambiguous[w] = true
	}
	return l
})

// notFirstNames are in ambiguous.txt to guard a word, not as names.
var notFirstNames = set("reading learning china lourdes jersey derby")

// wordSet reads a list of words, several per line; '#' starts a comment.
func wordSet(txt string) map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(txt, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

const monthsAndPlaces = `january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter
chelsea jordan india paris kent devon sydney florence georgia lincoln austin dallas brooklyn asia
beverley adelaide victoria chester clifton carlton shannon china derby preston hudson phoenix`

// agencyNames are services and programmes whose names look like people's
// or places' but are not personal data.
var agencyNames = []string{
	"Early Help", "Troubled Families", "Supporting Families", "Citizens Advice", "Citizens Advice Bureau",
	"Job Centre", "Job Centre Plus", "Jobcentre", "Jobcentre Plus", "Universal Credit", "Social Services",
	"Children's Services", "Childrens Services", "Adult Social Care", "Housing Options", "Victim Support",
	"Neighbourhood Watch", "Sure Start", "Family Hub", "Food Bank", "Safer Neighbourhoods Team",
	"Police and Crime Commissioner", "Work and Health Programme", "Access to Work", "Household Support Fund",
	"Team Around the Family", "Mental Health Team", "Health Visitor", "Health Visiting", "Youth Offending Team",
	"Probation Service", "Women's Aid", "Samaritans", "Shelter", "StepChange", "Age UK", "Mind", "Barnardo's",
	"NSPCC", "Red Cross", "Salvation Army", "Trussell Trust", "Home Start", "Home-Start", "Kickstart", "Restart",
	"Child Benefit", "Council Tax", "Pension Credit", "Carer's Allowance", "Personal Independence Payment",
	"Grace Period", "Will Writing", "Hope Not Hate",
}

// titles come before a surname or a name.
var titles = set("mr mrs ms miss mx dr doctor pc dc ds sgt sergeant inspector councillor cllr nurse prof professor officer constable sister father rev reverend aunty auntie uncle nana nanna nan grandma grandad granny gran mama mamma papa pastor imam")

// abbrevTitles are the titles written as abbreviations, the only ones a dot
// may follow: "Dr. Okafor", but "the nurse. Looking back, ..." ends a sentence.
var abbrevTitles = set("mr mrs ms mx dr pc dc ds sgt cllr prof rev")

// irregularPast are common irregular past forms, which no suffix gives away:
// "my nan kept chasing them", "the officer sat for hours".
var irregularPast = set(`became began bought brought built caught chose dealt drove fell felt fought found forgot gave
grew heard held hid hit hung kept knew laid led left lent let lost made meant met paid put quit ran rang read rode
rose sang sank sat sent set shook shut slept sold sought spent spoke stood stuck swore took taught threw understood
woke wore won wrote`)

// closedClass are function words and common adverbs that stop lacks:
// "I asked the nurse whether", "the officer twice".
var closedClass = set(`whether although though unless since till cos coz anyway again twice ever either neither
instead yet round around across along behind beside besides beyond inside outside onto upon within without towards
toward near past via maybe perhaps almost already quite rather soon later today tonight tomorrow yesterday
everything nothing something anything everybody somebody anybody nowhere somewhere anywhere everywhere
often usually`)

// wordLike reports whether a lower-case word that is in no name list reads
// as an everyday word: a function word, an -ly adverb, an -ed or -ing verb,
// an irregular past or a speech verb. In speech-to-text, where case says
// nothing, a title before such a word is not enough to make it a name.
func wordLike(k string) bool {
	n := len(k)
	return stop[k] || closedClass[k] || irregularPast[k] || speechVerbs[k] ||
		n >= 5 && (strings.HasSuffix(k, "ly") || strings.HasSuffix(k, "ed")) ||
		n >= 6 && strings.HasSuffix(k, "ing")
}

// ranks are titles written in capitals: "PC Jones", "DS Khan".
var ranks = set("pc dc ds sgt cllr dr")

// notNames are capitalised words that follow "I'm" or stand before a comma
// like a name but describe someone: nationalities, faiths, roles.
var notNames = set(`english british scottish welsh irish polish romanian lithuanian latvian slovak czech bulgarian
ukrainian russian somali sudanese eritrean ethiopian nigerian ghanaian kenyan zimbabwean congolese pakistani indian
bangladeshi afghan iraqi iranian syrian kurdish turkish arab chinese vietnamese filipino jamaican caribbean african
asian european muslim christian catholic protestant jewish sikh hindu buddhist anglican methodist baptist
deaf black white mixed autistic chair head manager deputy
italian portuguese spanish french german greek albanian nepali nepalese tamil roma romany gypsy traveller travellers
hungarian bosnian kosovan serbian croatian brazilian colombian thai korean japanese lankan punjabi gujarati
bengali yemeni libyan egyptian moroccan algerian tunisian palestinian lebanese jordanian cameroonian ugandan rwandan`)

// kin words come before a name: "my son Tyler", "her partner, Wayne".
var kin = set(`son daughter boy girl lad lass kid kids child baby grandson granddaughter grandchild nephew niece
brother sister bro sis partner husband wife boyfriend girlfriend ex fiance fiancé fiancee mum mam mom mother dad father
stepson stepdaughter stepdad stepmum youngest eldest oldest twin twins cousin friend mate neighbour landlord landlady
worker carer teacher nan gran grandma grandad nana aunt auntie aunty uncle half-brother half-sister sibling
newborn toddler infant teenager teen grandkid grandkids grandpa granddad grandmother grandfather godson goddaughter
godmother godfather stepbrother stepsister stepchild stepkid foster fella missus bestie colleague boss
pal pals buddy wean weans bairn bairns mother-in-law father-in-law sister-in-law brother-in-law son-in-law daughter-in-law
stepmother stepfather`)

// callCues come before a name: "a lady called Denise".
var callCues = set("called named name's name calls christened nicknamed")

// speechVerbs after a capitalised word that may be a name make it one: "Will said".
var speechVerbs = set("said says told asked rang phoned texted reckons thinks wants came comes went goes gave")

// familyNouns after "the X": "the Okonkwo family".
var familyNouns = set("family family's household twins kids boys girls lot")

// streetTypes end a street name.
var streetTypes = set(`road rd street st close avenue ave lane drive dr way crescent court place grove gardens terrace
walk rise hill view mews row square green parade vale park boulevard gate croft fold wharf yard chase dale meadow
meadows brow bank estate mount approach wynd circus heights villas cottages garth nook ridge footpath`)

// genericStreets are too common to identify anyone without a house number.
var genericStreets = set("high main station church market london north south east west ring bridge mill")

// schoolWords and surgeryWords end an institution's name.
var schoolWords = set("school primary secondary academy infants infant juniors junior nursery college collegiate grammar pru")
var surgeryWords = set("surgery practice")

// genericInstitution words do not identify an institution on their own.
var genericInstitution = set(`the a an our primary secondary infant infants junior juniors high special community catholic church
c of e cofe free nursery school academy medical health centre center local new old big little village town city
and & st saint gp gps doctors doctor's family welsh english scottish irish gaelic muslim jewish girls boys`)

// notEmployers are capitalised words after an employer cue that are not an
// employer, and idioms' nouns: "work at the moment".
var notEmployers = set(`agency contractor contractors the council home night nights weekends christmas easter monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
moment minute`)

// stop are common words that are never names; they guard lower-case text.
var stop = set(`a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself
no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's
should shouldn't so some such than that that's the their theirs them themselves then there there's these they
they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't
you you'd you'll you're you've your yours yourself yourselves yeah yes no okay ok oh well just like really got get
gets getting go going gone went come came coming know knew think thought said say says told tell see saw look
looked want wanted need needed one two three four five six seven eight nine ten eleven twelve first last next
now then still even never always sometimes back home school work house flat money time day days week weeks year
years month months minutes hours quid pounds times kids lady fella man woman people everyone someone nobody
anyone thing things stuff bit lot lots because cos sorry please thanks thank right wrong good bad fine great
little big old new same other another every many much more less little own sure wait mum dad nan son daughter
is was are been had has have do does did will would can could may might must shall should the this that`)

// numberWords read ages written out.
var numberWords = set(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred`)

// postcodeAreas are the UK postcode areas.
var postcodeAreas = set(`AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK
ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ
TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE`)

// wclass marks the words that start a detector's closer look, so each
// detector's first test on a token is one bit rather than a map lookup.
type wclass uint32

const (
	wInstitution wclass = 1 << iota // School, Surgery, Centre, Unit
	wOrgSuffix                      // Ltd, Services, Club
	wWork                           // works, job, shifts
	wDigit                          // one, two, oh, double
	wJob                            // cook, cleaner, volunteer: "a cook at"
	wCue                            // at, to, called, school, st: institution cues
	wNATO                           // alpha, bravo: letters in the police alphabet
	wNamedAfter                     // takeaway, school, that's: a name may follow in apposition
	wKnown                          // the class has been worked out
	wYsgol                          // ysgol: a Welsh school's head word
	wEmployerCue                    // runs, owns, the: employer cues that are no work word
	wStreetCue                      // on, off, down: a street may follow
	wFirm                           // firmHeads and firmModifiers: ownedFirm's test of the next word
	wCorrection                     // correctionWords: correctedNames' test of the next word
	wHiring                         // hiring, recruiting, take: hiring's trigger
	wBrand                          // a first word of a chain in data/brands.txt: brand's test before its look-ups
	// Cue words of single passes, each a part of wCue, so each pass starts
	// only where its own first test can pass (see placePasses).
	wPlaceCue // placeCues: apposition, schoolYear, placeOfWork
	wWith     // with: gpAt, with wPlaceCue
	wNaming   // called, named and namedAsNouns: calledName, namedAs
	wBirth    // birthCueWords: dates' test before its cases
)

// wordClasses maps a word (lower case, no possessive) to its classes.
var wordClasses = func() map[string]wclass {
	m := map[string]wclass{"centre": wInstitution, "center": wInstitution, "group": wInstitution, "unit": wInstitution, "high": wInstitution, "upper": wInstitution, "home": wInstitution, "form": wInstitution}
	for _, ws := range []map[string]bool{schoolWords, surgeryWords} {
		for w := range ws {
			m[w] |= wInstitution
		}
	}
	for _, ws := range []map[string]bool{legalSuffixes, tradeSuffixes} {
		for w := range ws {
			m[w] |= wOrgSuffix
		}
	}
	for w := range workWords {
		m[w] |= wWork
	}
	for w := range jobWords {
		m[w] |= wJob
	}
	for w := range institutionCues() {
		m[w] |= wCue
	}
	for w := range placeCues {
		m[w] |= wPlaceCue
	}
	m["with"] |= wWith
	for _, w := range []string{"called", "named"} {
		m[w] |= wNaming
	}
	for w := range namedAsNouns {
		m[w] |= wNaming
	}
	for w := range natoLetters {
		m[w] |= wNATO
	}
	for _, ws := range []map[string]bool{workplaceNouns, thatsWords} {
		for w := range ws {
			m[w] |= wNamedAfter
		}
	}
	for w := range schoolNouns {
		m[w] |= wNamedAfter
	}
	m["unit"] |= wNamedAfter // "pupil referral unit at the maelor centre"
	// Triggers of passes in places; see employerCue, siteOf, street.
	for _, w := range []string{"ysgol", "ysgolion", "coleg"} {
		m[w] |= wYsgol
	}
	for _, w := range []string{"runs", "owns", "manages", "ran", "owned", "managed", "the"} {
		m[w] |= wEmployerCue
	}
	for _, w := range []string{"on", "off", "down", "along", "up"} {
		m[w] |= wStreetCue
	}
	for _, ws := range []map[string]bool{firmHeads, firmModifiers} {
		for w := range ws {
			m[w] |= wFirm
		}
	}
	for w := range correctionWords {
		m[w] |= wCorrection
	}
	for _, w := range []string{"hiring", "recruiting", "took", "takes", "take"} {
		m[w] |= wHiring
	}
	// A token starts a chain's name by its lower case or its key (see
	// phrases.match); a lower case's key is the word without its possessive.
	plain, word := brandLists(brandsTxt)
	for _, p := range []*phrases{plain, word} {
		for _, f := range p.firsts {
			m[f.word] |= wBrand
			m[stripPossessive(f.word)] |= wBrand
		}
	}
	for _, w := range birthCueWords {
		m[w] |= wBirth
	}
	for _, ws := range []map[string]string{digitWords, teens, tens} {
		for w := range ws {
			m[w] |= wDigit
		}
	}
	return m
}()

// classByDigest holds wordClasses by digest(w): a token's digest is worked
// out already (lowerAll), so its classes are an index and a string
// comparison or two, where the map hashed the word again. Most digests
// have no word.
var classByDigest = func() (t [1 << 12][]classEntry) {
	for w, c := range wordClasses {
		h := digest(w)
		t[h] = append(t[h], classEntry{w, c})
	}
	return t
}()

type classEntry struct {
	word string
	cls  wclass
}

// class returns token i's word classes.
func (s *scan) class(i int) wclass { return s.cls[i] }

// classAll works out every word's classes once, after lowerAll.
func (s *scan) classAll() {
	s.cls = zeroed(s.bufs.cls, len(s.toks))
	s.textCls = 0
	for i := range s.toks {
		c := wKnown
		if s.toks[i].kind == tokWord {
			for _, e := range classByDigest[s.keyDigest[i]] {
				if e.word == s.keys[i] {
					c |= e.cls
					break
				}
			}
		}
		s.cls[i] = c
		s.textCls |= c
	}
}
