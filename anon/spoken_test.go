package anon

import (
	"slices"
	"testing"
)

// TestSpokenForms checks each spoken detector on a form it must find and a
// near miss it must not: the validation, not the shape, decides.
func TestSpokenForms(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // findings of the kinds named, in order
	}{
		{"phone with pauses", "it's oh seven seven double oh, nine double oh, three one four thanks", []string{"phone:oh seven seven double oh, nine double oh, three one four"}},
		{"phone with dots for pauses", "it's oh one one three ... four nine six ... oh two two seven oh no", []string{"phone:oh one one three ... four nine six ... oh two two seven"}},
		{"phone hyphenated", "Oh-one-one-four, four-nine-six, oh-three-three-two.", []string{"phone:Oh-one-one-four, four-nine-six, oh-three-three-two"}},
		{"phone treble", "oh seven seven treble oh nine oh five five one", []string{"phone:oh seven seven treble oh nine oh five five one"}},
		{"too short for a phone", "oh seven seven double oh nine", nil},
		{"nhs with pauses", "his nhs number is six four two, six two one, two nine nine seven", []string{"nhs-number:six four two, six two one, two nine nine seven"}},
		{"nhs bad check digit spoken", "it's six four two, six two one, two nine nine eight", nil},
		{"postcode spelled", "we're at l s twelve four d p now", []string{"postcode:l s twelve four d p"}},
		{"postcode hyphenated", "Postcode's S-eleven, eight-R-T.", []string{"postcode:S-eleven, eight-R-T"}},
		{"postcode unknown area", "it's q x twelve four d p", nil},
		{"postcode bad inward letters", "it's l s twelve four c i", nil},
		{"ni spelled", "his ni is j t four one two two eight nine c", []string{"ni-number:j t four one two two eight nine c"}},
		{"ni bad prefix spelled", "his ni is q q four one two two eight nine c", nil},
		{"vehicle spelled with cue", "the car reg is y d seventy one k p x", []string{"vehicle:y d seventy one k p x"}},
		{"vehicle whole plate without cue", "y d seventy one k p x", []string{"vehicle:y d seventy one k p x"}},
		{"vehicle not a postcode and a letter", "a black corsa l d six eight x w n and", []string{"vehicle:l d six eight x w n"}},
		{"vehicle bad age identifier", "y d ninety one k p x", nil},
		{"vehicle shape after a reference word", "the case ref is y d seventy one k p x", nil},
		{"vehicle then a word", "a silver astra y d seven one k p x i think", []string{"vehicle:y d seven one k p x"}},
		{"too short for a vehicle", "a silver astra, y d seven one k p", nil},
		{"vehicle in the police alphabet", "the reg was yankee delta seven one romeo tango kilo, a silver golf", []string{"vehicle:yankee delta seven one romeo tango kilo"}},
		{"vehicle in the police alphabet with x ray in two words", "i told the police the registration um bravo victor one nine x ray oscar papa and they said", []string{"vehicle:bravo victor one nine x ray oscar papa"}},
		{"an x ray is no letter", "she had an x ray on her arm and then x ray two", nil},
		{"postcode in the police alphabet", "postcode lima sierra nine six echo x-ray", []string{"postcode:lima sierra nine six echo x-ray"}},
		{"radio words that spell nothing", "we stayed at the hotel two nights, golf on sunday, alpha male, delta force", nil},
		{"dob in words", "her date of birth is the ninth of march twenty twelve ok", []string{"dob:the ninth of march twenty twelve"}},
		{"dob leap day", "born on the twenty ninth of february twenty sixteen", []string{"dob:the twenty ninth of february twenty sixteen"}},
		{"dob not a leap year", "born on the twenty ninth of february twenty fifteen", nil},
		{"dob thirtieth of february", "born on the thirtieth of february two thousand and nine", nil},
		{"dob two thousand and nine", "born the third of june two thousand and nine", []string{"dob:the third of june two thousand and nine"}},
		{"date without a cue", "we moved on the ninth of march twenty twelve", nil},
		{"url spoken", "it's www dot hillcrestfamilies dot co dot uk", []string{"url:www dot hillcrestfamilies dot co dot uk"}},
		{"url spoken public", "look on www dot leeds dot gov dot uk", nil},
		{"email with number words", "email gaz dot miller eighty at yahoo dot co dot uk", []string{"email:gaz dot miller eighty at yahoo dot co dot uk"}},
		{"handle spoken", "his insta is gaz underscore lufc two oh one four", []string{"handle:gaz underscore lufc two oh one four"}},
		{"handle underscores", "she's kez_b_1990 on there", []string{"handle:kez_b_1990"}},
		{"handle dotted spoken", "mine's private but it's t dot r dot three four five on instagram", []string{"handle:t dot r dot three four five"}},
		{"handle dotted written", "hers is kez.b.90 on tiktok", []string{"handle:kez.b.90"}},
		{"dotted without a platform", "it's t dot r dot three four five i think", nil},
		{"phone plus four four", "ring plus four four seven seven double oh nine double oh four one eight", []string{"phone:plus four four seven seven double oh nine double oh four one eight"}},
		{"phone with hundreds", "it's oh seven seven hundred, nine hundred, eight four six", []string{"phone:oh seven seven hundred, nine hundred, eight four six"}},
		{"hundreds of people", "seven hundred people and a hundred and twelve more", nil},
		{"plus without a number", "two plus two is four", nil},
		{"phone typed O for zero", "Ring O-seven-seven-double-O, nine double O, three one four.", []string{"phone:O-seven-seven-double-O, nine double O, three one four"}},
		{"email at its own host", "it's office at stmargarets dot co dot uk", []string{"email:office at stmargarets dot co dot uk"}},
		{"no email after she's", "she's at kezcakes dot co dot uk", []string{"url:kezcakes dot co dot uk"}},
		{"email at a provider without its ending", "the email is kez dot b at gmail", []string{"email:kez dot b at gmail"}},
		{"at a provider is no email", "i'm at gmail too, he's at hotmail", nil},
		{"email with an initial", "he emailed it from his thing r kowalski at lewisham c a b dot org dot uk i think", []string{"email:r kowalski at lewisham c a b dot org dot uk"}},
		{"email after a name and an initial", "her email which was hope a underscore ldn at icloud dot com and", []string{"email:hope a underscore ldn at icloud dot com"}},
		{"email after a word and a name", "from his thing kowalski at lewisham dot org dot uk", []string{"email:kowalski at lewisham dot org dot uk"}},
		{"handle of two words after is", "his insta is jay money underscore c v six he posts", []string{"handle:jay money underscore c"}},
		{"handle of one word after is", "his insta is like gaz underscore lufc two oh one four", []string{"handle:gaz underscore lufc two oh one four"}},
		{"bare domain", "Her cake page is kezcakes.co.uk now.", []string{"url:kezcakes.co.uk"}},
		{"bare public domain", "See leeds.gov.uk, e.g. this, or file.txt.", nil},
		{"phone with 0044", "call 0044 7700 900846 today", []string{"phone:0044 7700 900846"}},
		{"no url after not", "it's kez dot co dot uk not dot com", []string{"url:kez dot co dot uk"}},
		{"handle beside a platform", "I'm kezb1990 on TikTok", []string{"handle:kezb1990"}},
		{"name spelled", "It's Kayleigh, K-A-Y-L-E-I-G-H.", []string{"person:Kayleigh", "person:K-A-Y-L-E-I-G-H"}},
		{"name spelled lower", "she's called summer, s u m m e r, like the season", []string{"person:summer", "person:s u m m e r"}},
		{"letters that are no name", "O-K, A-B-C, that's it.", nil},
		{"nickname", "Then Gaz came round.", []string{"person:Gaz"}},
		{"word names after kin", "i said my son will, he's their dad", []string{"person:will"}},
		{"hope the word", "i hope so. to be frank it's fine. by the grace of god", nil},
		{"school by High", "she goes to hillside high now", []string{"school:hillside high"}},
		{"high alone", "the rent is really high now and the high street", nil},
		{"care home", "My mum's in Oak Lodge Care Home now.", []string{"employer:Oak Lodge Care Home"}},
		{"family firm", "he's with Patel & Sons now", []string{"employer:Patel & Sons"}},
		{"sons alone", "my sons and daughters", nil},
		{"house number in words", "we're at forty two beech crescent now", []string{"address:forty two beech crescent"}},
	}
	d := NewDetector(Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range d.Detect(tc.text) {
				got = append(got, string(f.Kind)+":"+f.Text)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Detect(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}
