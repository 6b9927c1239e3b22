package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus/facts"
)

// journalistCase is a question as a journalist types it, optionally after
// a previous question of the same conversation, and what its reply must
// hold.
type journalistCase struct {
	prev, q string
	intent  string
	top     int
	must    [][]string // each group: one of these in the top answers (case-folded)
	never   []string   // none of these in the top answers
	cites   []string   // one of these articles cited in the top answers
	says    string     // in the headline or a note (case-folded)
	unsaid  string     // not in the headline nor a note (case-folded)
	none    bool       // no answers at all
}

// TestJournalistQuestions asks the bundled sample and testdata/corpus the
// way a newsroom does: by role, by date, by event, by source, by place
// phrase, misspelt, and as follow-ups. Every reply is also checked verbatim.
func TestJournalistQuestions(t *testing.T) {
	f := loadFixture(t)
	cases := []journalistCase{
		// roles resolved to the people who held them, by date
		{q: "What did the Homs governor say?", intent: IntentQuote, top: 3, must: [][]string{{"frighten our children"}, {"cowardly attack"}}, says: "barazi"},
		{q: "What did the Homs governor say in 2016?", intent: IntentQuote, top: 2, must: [][]string{{"frighten our children"}}, never: []string{"cowardly attack"}},
		{q: "What did the governor of Homs say in July 2013?", intent: IntentQuote, top: 2, must: [][]string{{"cowardly attack"}}, never: []string{"frighten"}, says: "munir"},
		{q: "what did the homs governor say about the car bomb", intent: IntentQuote, top: 1, must: [][]string{{"car bomb", "cowardly attack"}}, cites: []string{"910_homs_taxi_2013"}},
		{q: "What did the governor say about the mortar attack on the school?", intent: IntentQuote, top: 2, must: [][]string{{"mortar"}, {"frighten our children"}}, cites: []string{"911_homs_school_2016"}},
		{q: "What did the Kurdish official in Kobane say?", intent: IntentQuote, top: 2, must: [][]string{{"house to house"}}, says: "idris nahsen"},
		{q: "What did the YPG spokesman say?", intent: IntentQuote, top: 2, must: [][]string{{"fully under our control"}}},
		{q: "What did the UN envoy say?", intent: IntentQuote, top: 3, must: [][]string{{"severe risks"}, {"crime against humanity"}}},
		{q: "What did the Chancellor say?", intent: IntentQuote, top: 3, must: [][]string{{"working families"}}, never: []string{"letwin", "schroeder"}},
		{q: "What did the shadow chancellor say?", intent: IntentQuote, top: 2, must: [][]string{{"pre-election bribe"}}, never: []string{"working families"}},
		{q: "What did the German chancellor say?", intent: IntentQuote, top: 2, must: [][]string{{"schroeder"}}, never: []string{"working families"}},
		{q: "What did the Fed chairman say?", intent: IntentQuote, top: 2, must: [][]string{{"well anchored"}}},
		{q: "What has the Federal Reserve chairman said?", intent: IntentQuote, top: 2, must: [][]string{{"well anchored"}}},
		{q: "What did the SDF spokesman say?", intent: IntentQuote, top: 5, must: [][]string{{"still inside the town", "will not allow"}}},
		{q: "/quote speaker:Kurdish official", intent: IntentQuote, top: 3, must: [][]string{{"disguised themselves", "house to house"}}},
		// namesakes
		{q: "what did brown say about the budget", intent: IntentQuote, top: 3, must: [][]string{{"working families", "stamp duty"}}, never: []string{"defended as a team"}, says: "craig brown"},
		{q: "What did Brown say about the draw in Milan?", intent: IntentQuote, top: 2, must: [][]string{{"defended as a team", "world cup"}}, never: []string{"working families"}, says: "gordon brown"},
		{q: "What did Craig Brown say?", intent: IntentQuote, top: 2, must: [][]string{{"defended as a team"}}, never: []string{"working families"}},
		// a topic asked: quotes on it, each sentence once, no other subject filling the page
		{q: "What did Karam Haddad say about the truce?", intent: IntentQuote, top: 5, must: [][]string{{"truce holds"}, {"reading the truce backwards"}}, never: []string{"pipeline", "(reported): foreign minister karam haddad accused"}},
		{q: "what did haddad say about the truce in hama", intent: IntentQuote, top: 5, must: [][]string{{"reading the truce backwards"}}, never: []string{"pipeline"}},
		{q: "What did Karam Haddad say about the election?", intent: IntentQuote, top: 5, must: [][]string{{"pipeline", "truce"}}, says: "no quote from karam haddad about"},
		// places and years in any case and form
		{q: "how many dead in idlib", intent: IntentToll, top: 2, must: [][]string{{"30"}}, cites: []string{"916_idlib_2014", "000_8bee64950d4de325"}, says: "idlib"},
		{q: "HOW MANY KILLED IN IDLIB IN 2014?", intent: IntentToll, top: 1, must: [][]string{{"at least 30"}}, never: []string{"11 civilians"}},
		{q: "how many killed in idlib province", intent: IntentToll, top: 3, must: [][]string{{"30"}}},
		{q: "how many killed in ghouta in 2013", intent: IntentToll, top: 1, must: [][]string{{"more than 300"}}, cites: []string{"917_ghouta_2013"}},
		{q: "How many were killed in Ghouta during 2013?", intent: IntentToll, top: 1, must: [][]string{{"300"}}},
		{q: "how many were wounded in idlib in may 2014", intent: IntentToll, top: 3, must: [][]string{{"50"}}},
		{q: "How many were killed in Homs in 2016?", intent: IntentToll, top: 2, must: [][]string{{"4 children", "four children"}}, never: []string{"at least 12"}},
		{q: "How many were killed in Homs in 2020?", intent: IntentToll, top: 1, must: [][]string{{"4 children"}}, says: "no figure for homs in 2020"},
		// dates in every form
		{q: "How many were killed in Homs in early July 2013?", intent: IntentToll, top: 3, must: [][]string{{"12"}}},
		{q: "How many were killed in Homs between 1 July 2013 and 31 July 2013?", intent: IntentToll, top: 3, must: [][]string{{"12"}, {"15"}}},
		{q: "How many were killed in Homs since 2015?", intent: IntentToll, top: 2, must: [][]string{{"four children", "4 children"}}, never: []string{"at least 12"}},
		{q: "How many were killed in Homs up to 2014?", intent: IntentToll, top: 2, must: [][]string{{"12", "15"}}, never: []string{"children"}},
		{q: "What did the UN envoy say in August 2013?", intent: IntentQuote, top: 1, must: [][]string{{"crime against humanity"}}},
		{q: "What did Peskov say in 2013?", intent: IntentQuote, none: true, says: "nearest dates"},
		{q: "Who controlled Khirbet Ali in 2010?", intent: IntentControl, none: true, says: "nearest dates"},
		// events and topic words
		{q: "How many were killed in the car bomb at the Zahraa taxi stand?", intent: IntentToll, top: 2, must: [][]string{{"at least 12"}, {"15"}}, cites: []string{"910_homs_taxi_2013"}},
		{q: "How many people died in the poison gas attack on Ghouta?", intent: IntentToll, top: 1, must: [][]string{{"300"}}},
		{q: "What was the death toll from the raid on Kobane?", intent: IntentToll, top: 1, must: [][]string{{"146"}}},
		{q: "How many children were killed in the mortar attack on the school in Homs?", intent: IntentToll, top: 1, must: [][]string{{"4 children"}}, never: []string{"12"}},
		{q: "How many injured were there in the mortar attack on the school?", intent: IntentToll, top: 2, must: [][]string{{"20"}}},
		{q: "How many soldiers were killed in the ambush near Deir ez-Zor?", intent: IntentToll, top: 3, must: [][]string{{"35"}, {"20"}}, never: []string{"3,000"}},
		// a list of places the copy wrote without commas is the list's figure, not each town's
		{q: "how many were killed in jableh", intent: IntentToll, top: 1, must: [][]string{{"4 killed"}}, never: []string{"11 killed"}},
		{q: "How many were killed in Tartus?", intent: IntentToll, top: 1, must: [][]string{{"11 killed in tartus baniyas and jableh"}}},
		// a group's figure whose subgroup was not read ("two rescue workers") is named as such and is no point of the totals' trend
		{q: "How many were killed in Quneitra?", intent: IntentToll, top: 3, must: [][]string{{"55 killed"}, {"2 rescue workers"}}, never: []string{"earlier: 2 killed"}, unsaid: "how it changed: 2"},
		// the figure for two towns is neither town's: no place is given it, its sentence says both
		{q: "how many were killed in douma", intent: IntentToll, top: 1, must: [][]string{{"9 killed"}, {"in douma and harasta"}}, never: []string{"9 killed in douma ("}},
		// a later incident in a sentence that names the event as an earlier one is not the event's figure
		{q: "How many were killed in the chlorine attack on Qusayr?", intent: IntentToll, top: 5, must: [][]string{{"14 killed"}}, never: []string{"2 children"}},
		{q: "how many were killed in qusayr", intent: IntentToll, top: 2, must: [][]string{{"2 children"}, {"14 killed"}}},
		// sources in questions
		{q: "How many were killed in Homs according to the Observatory?", intent: IntentToll, top: 1, must: [][]string{{"15"}}, never: []string{"at least 12"}},
		{q: "How many died in Homs, says the governor?", intent: IntentToll, top: 2, must: [][]string{{"12", "four children"}}},
		{q: "death toll in Ghouta according to the activists", intent: IntentToll, top: 1, must: [][]string{{"300"}}},
		{q: "What is the latest death toll according to the Observatory?", intent: IntentToll, top: 2, must: [][]string{{"observatory"}}},
		// a source that is the outlet: its own unattributed figures, not those it quotes
		{q: "How many were killed in Jisr al-Shughur according to SANA?", intent: IntentToll, top: 1, must: [][]string{{"7 citizens"}}, never: []string{"9 killed"}, unsaid: "no figures attributed"},
		{q: "How many were killed in Jisr al-Shughur according to the Observatory?", intent: IntentToll, top: 1, must: [][]string{{"9 killed"}}, never: []string{"7 citizens"}},
		{q: "What is the governor's figure for Homs?", intent: IntentToll, top: 2, must: [][]string{{"at least 12"}}, never: []string{"15 killed"}},
		// place phrases
		{q: "Who recaptured the villages of Khirbet Ali and Tell Shair from Daesh?", intent: IntentControl, top: 2, must: [][]string{{"kurdish"}, {"khirbet ali", "tell shair"}}, cites: []string{"912_kobane_2015"}},
		{q: "Who retook Tell Shair from Islamic State?", intent: IntentControl, top: 1, must: [][]string{{"kurdish"}}},
		{q: "Who seized the Khalidiya district of Homs?", intent: IntentControl, top: 2, must: [][]string{{"government"}, {"khalidiya"}}, cites: []string{"910_homs_taxi_2013"}},
		{q: "Which part of Homs do the rebels hold?", intent: IntentControl, top: 2, must: [][]string{{"waer"}}, cites: []string{"911_homs_school_2016"}},
		{q: "who controls idlib province", intent: IntentControl, top: 3, must: [][]string{{"rebels", "hayat tahrir"}}},
		{q: "Who controlled Homs in 2013?", intent: IntentControl, top: 1, must: [][]string{{"government"}}, cites: []string{"910_homs_taxi_2013"}},
		{q: "Who controls eastern Daraa?", intent: IntentControl, top: 1, must: [][]string{{"rebels control eastern daraa"}}},
		{q: "who controls daraa", intent: IntentControl, top: 1, must: [][]string{{"control eastern daraa"}}, never: []string{"control daraa"}},
		{q: "who controls suwayda", intent: IntentControl, top: 1, must: [][]string{{"islamic state held eastern suwayda", "islamic state controls eastern suwayda"}}, never: []string{"held suwayda", "held sweida"}},
		{q: "Who controls Maarat Misrin?", intent: IntentControl, top: 2, must: [][]string{{"government seized"}, {"passage: residents of maarat misrin said the town was retaken"}}, says: "passages that may say more"},
		{q: "Who took Al-Busayrah?", intent: IntentControl, top: 3, must: [][]string{{"kurdish", "government"}}},
		// typos and case
		{q: "What did Peskof say?", intent: IntentQuote, top: 2, must: [][]string{{"continue to support"}}, says: "showing results for dmitry peskov"},
		{q: "who controls alepo", intent: IntentControl, top: 3, must: [][]string{{"aleppo"}}},
		{q: "Who controls Khan Sheikoun?", intent: IntentControl, top: 3, must: [][]string{{"khan sh"}}},
		{q: "What did Netanyahou say?", intent: IntentQuote, top: 1, must: [][]string{{"constantly monitoring"}}, says: "showing results for"},
		// latest on X
		{q: "latest on aleppo", intent: IntentSearch, top: 5, must: [][]string{{"aleppo"}}, says: "latest on aleppo"},
		{q: "What's new in Homs?", intent: IntentSearch, top: 3, must: [][]string{{"homs"}}, cites: []string{"000_8bee64950d4de325", "003_0071e63349a40226", "004_f9b9bb9c8095ce65", "001_f2736f8442233eec", "002_e8031cde17224b43"}},
		{q: "latest on jableh", intent: IntentSearch, top: 2, must: [][]string{{"figure: 4 killed"}}, cites: []string{"921_coast_rockets_2016"}},
		{q: "latest on hama", intent: IntentSearch, top: 5, must: [][]string{{"karam haddad, foreign minister, said", "karam haddad (reported)"}}, cites: []string{"919_haddad_truce_2016"}},
		{q: "news from Kobane", intent: IntentSearch, top: 3, must: [][]string{{"kobane"}}, cites: []string{"912_kobane_2015"}},
		// no dead ends: passages, clearly headed
		{q: "What did the witness say?", intent: IntentQuote, none: true, says: "no quotes found"},
		{q: "What has the head of the Observatory said about the Badia?", intent: IntentQuote, top: 2, must: [][]string{{"regrouping"}}},
		{q: "What did Tomas Varga say about the keeper?", intent: IntentQuote, top: 1, must: [][]string{{"once the contract runs out"}}, says: "passage"},
		// a named district of a city is the claim's place, written with its city
		{q: "Who retook Khalidiya?", intent: IntentControl, top: 1, must: [][]string{{"government forces seized the khalidiya"}}, says: "government seized khalidiya, homs"},
		// follow-ups
		{prev: "How many were killed in Homs?", q: "and in Idlib?", intent: IntentToll, top: 2, must: [][]string{{"30"}}, never: []string{"homs"}, says: "follow-up"},
		{prev: "How many were killed in Homs?", q: "what about the injured?", intent: IntentToll, top: 2, must: [][]string{{"20 injured"}}, says: "injured"},
		{prev: "How many were killed in Homs?", q: "And in 2013?", intent: IntentToll, top: 3, must: [][]string{{"12", "15"}}, never: []string{"children"}},
		{prev: "What did Peskov say?", q: "and Pedersen?", intent: IntentQuote, top: 1, must: [][]string{{"severe risks"}}},
		{prev: "What did the Homs governor say?", q: "and in 2013?", intent: IntentQuote, top: 2, must: [][]string{{"cowardly attack"}}, never: []string{"frighten"}},
		{prev: "What did the Homs governor say?", q: "older ones?", intent: IntentQuote, says: "before"},
		{prev: "Who controls Tell Shair?", q: "and Khirbet Ali?", intent: IntentControl, top: 1, must: [][]string{{"khirbet ali"}}},
		{prev: "Who controls Aleppo?", q: "What did Peskov say?", intent: IntentQuote, top: 1, must: [][]string{{"continue to support"}}},
		{prev: "What did the Homs governor say about the car bomb?", q: "who else said that?", intent: IntentQuote, says: "follow-up"},
	}
	for _, tt := range cases {
		name := tt.q
		if tt.prev != "" {
			name = tt.prev + " → " + tt.q
		}
		t.Run(name, func(t *testing.T) {
			r := f.eng.Answer(context.Background(), Request{Text: tt.q, Previous: tt.prev, User: User{ID: "u1"}})
			if r.Intent != tt.intent {
				t.Errorf("intent %q, want %q (headline %q)", r.Intent, tt.intent, r.Headline)
			}
			checkVerbatim(t, f, tt.q, r)
			if strings.Contains(r.Headline, "\n") {
				t.Errorf("headline runs over one line: %q", r.Headline)
			}
			if len(r.Answers) > 5 {
				t.Errorf("%d answers on a page; a chat reply holds at most 5", len(r.Answers))
			}
			if tt.none && len(r.Answers) > 0 {
				t.Errorf("want no answers, got %d:\n%s", len(r.Answers), Render(r))
			}
			if tt.says != "" && !strings.Contains(strings.ToLower(r.Headline+" "+strings.Join(r.Notes, " ")), tt.says) {
				t.Errorf("headline and notes lack %q:\n%s", tt.says, Render(r))
			}
			if tt.unsaid != "" && strings.Contains(strings.ToLower(r.Headline+" "+strings.Join(r.Notes, " ")), tt.unsaid) {
				t.Errorf("headline or notes say %q:\n%s", tt.unsaid, Render(r))
			}
			checkTop(t, r, tt.top, tt.must, tt.never, tt.cites)
		})
	}
	if len(cases) < 60 {
		t.Fatalf("%d phrasings; the issue asks for at least 60", len(cases))
	}
}

// TestMoreCursor: the rest of a long reply is a cursor away, follow-up
// context included.
func TestMoreCursor(t *testing.T) {
	f := loadFixture(t)
	first := f.eng.Answer(context.Background(), Request{Text: "/toll"})
	if first.Cursor == "" || len(first.Answers) != 5 {
		t.Fatalf("first page: %d answers, cursor %q", len(first.Answers), first.Cursor)
	}
	next := f.eng.Answer(context.Background(), Request{Cursor: first.Cursor})
	if len(next.Answers) == 0 || next.Answers[0].Text == first.Answers[0].Text {
		t.Fatalf("second page repeats or is empty: %v", next.Answers)
	}
	follow := f.eng.Answer(context.Background(), Request{Text: "and in Aleppo?", Previous: "How many were killed in Syria?"})
	if follow.Intent != IntentToll {
		t.Fatalf("follow-up intent %q", follow.Intent)
	}
	if follow.Cursor != "" {
		more := f.eng.Answer(context.Background(), Request{Cursor: follow.Cursor})
		if more.Intent != IntentToll || more.Question != "and in Aleppo?" {
			t.Errorf("follow-up's next page: intent %q question %q", more.Intent, more.Question)
		}
	}
}

func TestReadPeriod(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in       string
		from, to time.Time
		rest     string
	}{
		{"how many killed in ghouta in 2013", day(2013, 1, 1), day(2013, 12, 31), "how many killed in ghouta"},
		{"who controlled Homs during 2014?", day(2014, 1, 1), day(2014, 12, 31), "who controlled Homs ?"},
		{"What did he say in July 2013?", day(2013, 7, 1), day(2013, 7, 31), "What did he say ?"},
		{"killed in early July 2015", day(2015, 7, 1), day(2015, 7, 10), "killed"},
		{"killed in late July 2015", day(2015, 7, 21), day(2015, 7, 31), "killed"},
		{"in Homs in the week of shelling up to 14 July 2013", day(2013, 7, 7), day(2013, 7, 14), "in Homs"},
		{"in Idlib in the week of air raids up to 2 December 2024", day(2024, 11, 25), day(2024, 12, 2), "in Idlib"},
		{"the fortnight of heavy Russian strikes until 2 December 2024", day(2024, 11, 18), day(2024, 12, 2), ""},
		{"since mid-September", day(2025, 9, 11), time.Time{}, ""},
		{"since 2015", day(2015, 1, 1), time.Time{}, ""},
		{"between March 2012 and May 2012", day(2012, 3, 1), day(2012, 5, 31), ""},
		{"killed on 3 October 2016", day(2016, 10, 3), day(2016, 10, 3), "killed"},
		{"killed on October 3, 2016", day(2016, 10, 3), day(2016, 10, 3), "killed"},
		{"last week", day(2026, 3, 3), day(2026, 3, 10), ""},
		{"yesterday", day(2026, 3, 9), day(2026, 3, 9), ""},
		{"up to 2014", time.Time{}, day(2014, 12, 31), ""},
		{"before 2014", time.Time{}, day(2013, 12, 31), ""},
		{"Who controls Aleppo?", time.Time{}, time.Time{}, "Who controls Aleppo?"},
		{"What did Mr Brown say about May?", time.Time{}, time.Time{}, "What did Mr Brown say about May?"},
	}
	for _, tt := range tests {
		p, rest := readPeriod(tt.in, now)
		if !p.From.Equal(tt.from) || !p.To.Equal(tt.to) {
			t.Errorf("readPeriod(%q) = %s..%s, want %s..%s", tt.in, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), tt.from.Format(time.DateOnly), tt.to.Format(time.DateOnly))
		}
		if rest != tt.rest {
			t.Errorf("readPeriod(%q) leaves %q, want %q", tt.in, rest, tt.rest)
		}
	}
}

func TestPlacePhrase(t *testing.T) {
	tests := []struct {
		in     string
		places []string
		parent string
	}{
		{"Tell Shair from Daesh", []string{"Tell Shair"}, ""},
		{"the villages of Khirbet Ali and Tell Shair", []string{"Khirbet Ali", "Tell Shair"}, ""},
		{"the Khalidiya district of Homs", []string{"Khalidiya"}, "Homs"},
		{"idlib province", []string{"idlib"}, ""},
		{"Tell Shair, Khirbet Ali and Kobane", []string{"Tell Shair", "Khirbet Ali", "Kobane"}, ""},
		{"the town of Al-Busayrah from pro-government militias", []string{"Al-Busayrah"}, ""},
		{"Aleppo", []string{"Aleppo"}, ""},
	}
	for _, tt := range tests {
		places, parent := placePhrase(tt.in)
		if strings.Join(places, "|") != strings.Join(tt.places, "|") || parent != tt.parent {
			t.Errorf("placePhrase(%q) = %q, %q; want %q, %q", tt.in, places, parent, tt.places, tt.parent)
		}
	}
}

func TestCountedAs(t *testing.T) {
	tests := []struct {
		count    int64
		sentence string
		want     string
	}{
		{41, "The Foreign Office says 41 Britons are now confirmed to have died in the Tsunami.", "Britons"},
		{9, "Trouble flared after nine French peacekeepers were killed.", "French peacekeepers"},
		{12, "A car bomb killed at least 12 people in Homs.", ""},
		{3, "The strikes killed 60 civilians as well as three rescue workers.", "rescue workers"},
		{10, "Rocket attacks kill 10 injure scores in the city.", ""},
		{4, "Four were killed and more civilians were hurt.", ""},
		{300, "More than 300 people were killed.", ""},
		{20, "The governor said 20 were injured.", ""},
	}
	for _, tt := range tests {
		got := countedAs(&facts.Toll{Count: tt.count, Qualifier: facts.Exact, Evidence: facts.Evidence{Sentence: tt.sentence}})
		if got != tt.want {
			t.Errorf("countedAs(%d, %q) = %q, want %q", tt.count, tt.sentence, got, tt.want)
		}
	}
}

// TestLatestOneItemPerReport: "latest on X" shows each report once, by its
// newest fact, not the two figures of one sentence nor the figure and the
// same sentence again as a passage.
func TestLatestOneItemPerReport(t *testing.T) {
	f := loadFixture(t)
	for _, q := range []string{"latest on jableh", "latest on Kobane", "What's new in Homs?"} {
		r := f.eng.Answer(context.Background(), Request{Text: q})
		checkVerbatim(t, f, q, r)
		seen := map[string]bool{}
		for _, a := range r.Answers {
			if seen[a.Source.Article] {
				t.Errorf("%s: %s shown twice:\n%s", q, a.Source.Article, Render(r))
				break
			}
			seen[a.Source.Article] = true
		}
	}
}
