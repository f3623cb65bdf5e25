package corpus

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseParticipants(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []Participant
		probs []string
	}{
		{
			name: "attributes, consent, case-insensitive headers",
			in:   "\xEF\xBB\xBFID, Role ,Ward,Consent\r\nP01,tenant,North,yes\r\nP02,leaseholder,East, Withdrawn \r\nP03,tenant,,\r\n",
			want: []Participant{
				{ID: "P01", Attributes: map[string]string{"role": "tenant", "ward": "North"}, Line: 2},
				{ID: "P02", Attributes: map[string]string{"role": "leaseholder", "ward": "East"}, Withdrawn: true, Line: 3},
				{ID: "P03", Attributes: map[string]string{"role": "tenant", "ward": ""}, Line: 4},
			},
		},
		{
			name: "no consent column, quoted comma",
			in:   "role,id\n\"tenant, temporary\",P9\n",
			want: []Participant{{ID: "P9", Attributes: map[string]string{"role": "tenant, temporary"}, Line: 2}},
		},
		{name: "missing id column", in: "name,role\nA,b\n", probs: []string{"p.csv:1: the header row has no id column"}},
		{name: "empty", in: "", probs: []string{"p.csv:1: is empty"}},
		{
			name:  "bad consent fails safe",
			in:    "id,consent\nP1,no\nP2,yes\n",
			want:  []Participant{{ID: "P1", Attributes: map[string]string{}, Withdrawn: true, Line: 2}, {ID: "P2", Attributes: map[string]string{}, Line: 3}},
			probs: []string{`p.csv:2: consent "no" is not understood: use yes or withdrawn`},
		},
		{
			name:  "duplicate ids, ragged rows and empty ids, all reported",
			in:    "id,ward\nP1,a\np1,b\nP2\nP3,c,d\n,e\nP4,f\n",
			want:  []Participant{{ID: "P1", Attributes: map[string]string{"ward": "a"}, Line: 2}, {ID: "P4", Attributes: map[string]string{"ward": "f"}, Line: 7}},
			probs: []string{`p.csv:3: participant id "p1" is repeated (first on line 2)`, "p.csv:4: row has 1 fields but the header has 2", "p.csv:5: row has 3 fields", "p.csv:6: row has an empty id"},
		},
		{name: "duplicate and empty headers", in: "id,ward,Ward,\n", probs: []string{`p.csv:1: column "ward" appears twice`, "p.csv:1: column 4 has no name"}},
		{name: "bad quote", in: "id,role\nP1,\"ten\"ant\n", probs: []string{"p.csv:2:", "quoted"}},
		{name: "id that cannot be a label", in: "id\nP 1 2 3 4 5\n", want: []Participant{{ID: "P 1 2 3 4 5", Attributes: map[string]string{}, Line: 2}}, probs: []string{"p.csv:2: warning: id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := ParseParticipants("p.csv", []byte(tt.in))
			containsAll(t, probs, tt.probs)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func FuzzParseParticipants(f *testing.F) {
	data, err := os.ReadFile("testdata/study/participants.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("id,consent\r\n\"P1\",withdrawn\r\nP2,\"a\"\"b\"\r\n"))
	f.Add([]byte("ID;role\nP1;x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, probs := ParseParticipants("participants.csv", data)
		seen := map[string]bool{}
		for _, p := range ps {
			key := strings.ToLower(p.ID)
			if p.ID == "" || seen[key] || p.Line < 2 {
				t.Fatalf("bad participant %+v", p)
			}
			seen[key] = true
		}
		for _, p := range probs {
			if p.File != "participants.csv" {
				t.Fatalf("problem names %q", p.File)
			}
		}
	})
}
