package bot

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRoute(t *testing.T) {
	places := func(s string) string {
		for _, p := range []string{"Idlib", "Aleppo", "Hama", "Tal Rifaat"} {
			if i := strings.Index(s, p); i >= 0 {
				return p
			}
		}
		return ""
	}
	monday := time.Monday
	tests := []struct {
		in   string
		want query
	}{
		// statements
		{"What did Peskov say?", query{Intent: IntentQuote, Speaker: "Peskov"}},
		{"what did the Kremlin say about Assad?", query{Intent: IntentQuote, Speaker: "Kremlin", Topic: "Assad"}},
		{"What has the UN envoy said?", query{Intent: IntentQuote, Speaker: "UN envoy"}},
		{"What did Syria's defence ministry say?", query{Intent: IntentQuote, Speaker: "Syria's defence ministry"}},
		{"quotes from Aron Lund about Aleppo", query{Intent: IntentQuote, Speaker: "Aron Lund", Topic: "Aleppo"}},
		{"What is the rebel commander saying?", query{Intent: IntentQuote, Speaker: "rebel commander"}},
		{"How did Iran react to the offensive?", query{Intent: IntentQuote, Speaker: "Iran", Topic: "the offensive"}},
		{"/quote speaker:Netanyahu", query{Intent: IntentQuote, Speaker: "Netanyahu"}},
		{"/quote speaker:Kremlin spokesman topic:Assad support", query{Intent: IntentQuote, Speaker: "Kremlin spokesman", Topic: "Assad support"}},
		{"/quote Netanyahu", query{Intent: IntentQuote, Speaker: "Netanyahu"}},
		{"What did Erdogan call for?", query{Intent: IntentQuote, Speaker: "Erdogan"}},
		{"What did Araghchi vow?", query{Intent: IntentQuote, Speaker: "Araghchi"}},
		{"Who said Aleppo is lost?", query{Intent: IntentQuote, Topic: "Aleppo is lost"}},
		{"quotes about the airport", query{Intent: IntentQuote, Topic: "the airport"}},
		// tolls
		{"What is the latest death toll?", query{Intent: IntentToll, Category: "killed"}},
		{"How many civilians have been killed in the offensive?", query{Intent: IntentToll, Category: "killed", Subgroup: "civilians"}},
		{"How many were killed in Idlib on Monday?", query{Intent: IntentToll, Category: "killed", Place: "Idlib", Weekday: &monday}},
		{"How many people have been displaced?", query{Intent: IntentToll, Category: "displaced"}},
		{"how many wounded in Aleppo", query{Intent: IntentToll, Category: "injured", Place: "Aleppo"}},
		{"death toll according to OSDH", query{Intent: IntentToll, Category: "killed", Source: "OSDH"}},
		{"How many have died since 2011?", query{Intent: IntentToll, Category: "killed", Scope: "war"}},
		{"/toll", query{Intent: IntentToll, Category: "killed"}},
		{"How many were injured in the chemical attack?", query{Intent: IntentToll, Category: "injured", Topic: "chemical attack"}},
		{"How many died in the ambush near Deir ez-Zor?", query{Intent: IntentToll, Category: "killed", Topic: "ambush", Place: "Deir ez-Zor"}},
		{"How many were killed in the offensive?", query{Intent: IntentToll, Category: "killed"}},
		{"/toll place:Idlib category:displaced", query{Intent: IntentToll, Category: "displaced", Place: "Idlib"}},
		// control
		{"Who controls Aleppo?", query{Intent: IntentControl, Place: "Aleppo"}},
		{"who took Tal Rifaat", query{Intent: IntentControl, Place: "Tal Rifaat", Status: "seized"}},
		{"Who seized Tal Rifaat?", query{Intent: IntentControl, Place: "Tal Rifaat", Status: "seized"}},
		{"Has Aleppo fallen?", query{Intent: IntentControl, Place: "Aleppo"}},
		{"Is Hama under government control?", query{Intent: IntentControl, Place: "Hama", Controller: "government"}},
		{"Is Idlib held by the rebels?", query{Intent: IntentControl, Place: "Idlib", Controller: "rebels"}},
		{"Did the rebels take Hama?", query{Intent: IntentControl, Place: "Hama", Controller: "rebels"}},
		{"Have government forces retaken Palmyra?", query{Intent: IntentControl, Place: "Palmyra", Controller: "government forces"}},
		{"Which towns have the rebels taken?", query{Intent: IntentControl, Controller: "rebels", Status: "seized"}},
		{"/control place:Khan Sheikhun", query{Intent: IntentControl, Place: "Khan Sheikhun"}},
		// search and the rest
		{"/search airport", query{Intent: IntentSearch, Topic: "airport"}},
		{"/search query:title:x +Aleppo -Hama", query{Intent: IntentSearch, Topic: "title:x +Aleppo -Hama"}},
		{`/search "Aleppo university"`, query{Intent: IntentSearch, Topic: "Aleppo university", Phrase: true}},
		{"Russian air strikes", query{Intent: IntentSearch, Topic: "Russian air strikes"}},
		{"/ask question:Who controls Aleppo?", query{Intent: IntentControl, Place: "Aleppo"}},
		{"/sources", query{Intent: IntentSources}},
		{"/reindex", query{Intent: IntentReindex}},
		{"/HELP", query{Intent: IntentHelp}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := route(tt.in, places)
			if err != nil {
				t.Fatalf("route(%q) error %v", tt.in, err)
			}
			if !sameQuery(got, tt.want) {
				t.Errorf("route(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func sameQuery(a, b query) bool {
	if (a.Weekday == nil) != (b.Weekday == nil) || (a.Weekday != nil && *a.Weekday != *b.Weekday) {
		return false
	}
	a.Weekday, b.Weekday = nil, nil
	if len(a.Places) == 0 {
		a.Places = nil
	}
	if len(b.Places) == 0 {
		b.Places = nil
	}
	return reflect.DeepEqual(a, b)
}

func TestRouteRejects(t *testing.T) {
	tests := []struct {
		in, want string // want: a word the reply must contain
	}{
		{"", "Ask me"},
		{"   \n ", "Ask me"},
		{"?!?...", "word or number"},
		{strings.Repeat("a", MaxRequestLen+1), "under 500"},
		{"who\x00controls", "control characters"},
		{"bad \xff utf8", "valid text"},
		{"/frobnicate now", "don't know the command /frobnicate"},
		{"/quote", "needs speaker:"},
		{"/quote topic:Syria", "needs speaker:"},
		{"/quote speakr:Peskov", "no option speakr:"},
		{"/toll category:dead", "must be one of killed, injured, displaced"},
		{"/control place:", "needs a value"},
		{"/control place:Aleppo place:Hama", "given twice"},
		{"/sources now", "takes no options"},
	}
	for _, tt := range tests {
		_, err := route(tt.in, nil)
		var ue *userError
		if !errors.As(err, &ue) {
			t.Errorf("route(%q) = %v, want a user error", tt.in, err)
			continue
		}
		if !strings.Contains(ue.msg, tt.want) {
			t.Errorf("route(%q) reply %q, want it to contain %q", tt.in, ue.msg, tt.want)
		}
	}
}

func TestRouteAnyUnicode(t *testing.T) {
	for _, in := range []string{"مرحبا", "Алеппо", "👍", "ﬁre", "Khan Cheikhoun?", "\u200bAleppo", "Aleppo\u202e"} {
		if _, err := route(in, nil); err != nil {
			var ue *userError
			if !errors.As(err, &ue) {
				t.Errorf("route(%q): %v is not a user reply", in, err)
			}
		}
	}
}

func FuzzRoute(f *testing.F) {
	for _, s := range []string{"What did Peskov say?", "/quote speaker:x topic:y", "/toll place:", "Who controls ?", "/search \"", "/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := route(s, nil)
		if err == nil && q.Intent == "" {
			t.Fatalf("route(%q): no intent and no error", s)
		}
	})
}

func TestPluralName(t *testing.T) {
	for name, want := range map[string]bool{"rebels": true, "Kurdish forces": true, "Syrian Democratic Forces": true,
		"government": false, "HTS": false, "Islamic State": false, "Hayat Tahrir al-Sham": false, "pro-Turkey factions": true} {
		if got := pluralName(name); got != want {
			t.Errorf("pluralName(%q) = %v, want %v", name, got, want)
		}
	}
}

// A group word is who was counted only when it is not naming a side's
// ground: "the rebel stronghold", "rebel-held", "government areas".
func TestSubgroupIsWhoWasCounted(t *testing.T) {
	places := func(string) string { return "" }
	for _, tt := range []struct{ in, want string }{
		{"How many were killed in the strikes on the rebel stronghold of Idlib?", ""},
		{"How many died in rebel-held eastern Aleppo?", ""},
		{"How many were wounded when shells hit rebel areas of Daraa?", ""},
		{"How many rebels were killed in the strikes on the rebel stronghold of Idlib?", "combatants"},
		{"How many civilians were killed in rebel-held Douma?", "civilians"},
		{"How many rebel fighters died?", "combatants"},
		{"How many children were killed?", "children"},
	} {
		q, err := route(tt.in, places)
		if err != nil {
			t.Fatalf("route(%q): %v", tt.in, err)
		}
		if q.Subgroup != tt.want {
			t.Errorf("route(%q).Subgroup = %q, want %q", tt.in, q.Subgroup, tt.want)
		}
	}
}
