package corpus

import (
	"os"
	"reflect"
	"testing"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Config
		probs []string
	}{
		{
			name: "full",
			in: "title: Repairs\ndescription: Damp and mould\nfacilitators: [Interviewer, R1]\nattributes:\n  - Role\n  - ward\n" +
				"vocabulary:\n  places: [Northfield]\n  agencies: [Citizens Advice]\n  pseudonyms: [Jan]\n",
			want: Config{Title: "Repairs", Description: "Damp and mould", Facilitators: []string{"Interviewer", "R1"},
				Attributes: []string{"role", "ward"},
				Vocabulary: Vocabulary{Places: []string{"Northfield"}, Agencies: []string{"Citizens Advice"}, Pseudonyms: []string{"Jan"}}},
		},
		{name: "BOM and minimal", in: "\xEF\xBB\xBFtitle: T\n", want: Config{Title: "T"}},
		{
			name:  "unknown keys named with line",
			in:    "title: T\nfacilitator: [R1]\nvocabulary:\n  place: [X]\n",
			want:  Config{Title: "T"},
			probs: []string{`c.yaml:2: unknown key "facilitator"; known keys are title, description, facilitators, attributes, auto, vocabulary`, `c.yaml:4: unknown key "vocabulary.place"; known keys are vocabulary.places`},
		},
		{name: "title required", in: "description: x\n", want: Config{Description: "x"}, probs: []string{"c.yaml:1: title is required"}},
		{name: "empty title", in: "\n\ntitle:\n", probs: []string{"c.yaml:3: title is required"}},
		{name: "empty file", in: "", probs: []string{"c.yaml:1: title is required"}},
		{
			name:  "wrong shapes",
			in:    "title: [a]\nfacilitators: Interviewer, R1\nvocabulary: [x]\nattributes: [a, {b: c}]\n",
			want:  Config{Attributes: []string{"a"}},
			probs: []string{"c.yaml:1: title must be text, not a list", "c.yaml:2: facilitators must be a list", "c.yaml:3: vocabulary must be a mapping", "c.yaml:4: each entry of attributes must be a non-empty name"},
		},
		{name: "repeated key", in: "title: a\ntitle: b\n", want: Config{Title: "a"}, probs: []string{`c.yaml:2: key "title" is repeated (first on line 1)`}},
		{name: "not a mapping", in: "- a\n- b\n", probs: []string{"c.yaml:1: must be `key: value` settings"}},
		{name: "syntax error", in: "title: a\n  bad: [\n", probs: []string{"c.yaml:", "not valid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := ParseConfig("c.yaml", []byte(tt.in))
			containsAll(t, probs, tt.probs)
			if len(tt.probs) == 0 || tt.want.Title != "" || tt.want.Description != "" || tt.want.Attributes != nil {
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %+v\nwant %+v", got, tt.want)
				}
			}
		})
	}
}

func FuzzParseConfig(f *testing.F) {
	data, err := os.ReadFile("testdata/study/insight.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("title: &a x\ndescription: *a\nvocabulary: {places: [a, b], agencies: ~}\n"))
	f.Add([]byte("- a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, probs := ParseConfig("insight.yaml", data)
		if !probs.HasErrors() && cfg.Title == "" {
			t.Fatal("no error for a config without title")
		}
		for _, p := range probs {
			if p.File != "insight.yaml" || p.Msg == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
	})
}
