package bot

import (
	"testing"

	"github.com/newsroom/newsbot/index"
)

// TestTopicWordsRank: the facts whose sentence holds the question's topic
// or counted group head the reply; a headline says only what its evidence
// says.
func TestTopicWordsRank(t *testing.T) {
	runWorldCases(t, []worldCase{
		{q: "what did varenko say about aleppo", top: 3, must: [][]string{{"aid convoy"}, {"eastern neighbourhoods"}, {"no craters"}}, never: []string{"palmyra", "deir ez-zor"}},
		{q: "What did Varenko say about Palmyra?", top: 1, must: [][]string{{"palmyra"}}, never: []string{"aleppo"}},
		{q: "How many Britons died in the tidal wave?", top: 1, must: [][]string{{"17 britons"}}, never: []string{"20,000"}},
		{q: "how many britons were killed in the tidal wave", top: 1, must: [][]string{{"17 britons"}}, never: []string{"20,000"}},
		{q: "How many people died in the tidal wave?", top: 1, must: [][]string{{"20,000"}}},
	})
}

func TestCountedInQuestion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"How many Britons died in the tsunami?", "Britons"},
		{"how many aid workers were killed in the raid", "aid workers"},
		{"How many people were killed in Homs?", ""},
		{"How many civilians were killed?", ""},
		{"how many were killed", ""},
		{"How many deaths were reported?", ""},
	}
	for _, tt := range tests {
		if q := tollQuery(tt.in, nil); q.Counted != tt.want {
			t.Errorf("tollQuery(%q).Counted = %q, want %q", tt.in, q.Counted, tt.want)
		}
	}
}

// TestRankedBefore: a statement whose own words hold the whole topic ranks
// over a higher-scored one that does not (a direct quote on another
// subject, from an article that names the topic elsewhere).
func TestRankedBefore(t *testing.T) {
	hit := func(id, date string) index.FactHit { return index.FactHit{Meta: index.Meta{ID: id, Date: date}} }
	onTopic := ranked{hit: hit("a", "2016-10-19"), score: 1.5, words: 1}
	offTopic := ranked{hit: hit("b", "2017-10-02"), score: 4.35, words: 0}
	partly := ranked{hit: hit("c", "2016-01-01"), score: 2, words: 0.5}
	inArticle := ranked{hit: hit("d", "2016-09-21"), score: 0.5, about: true}
	tests := []struct {
		a, b  ranked
		topic bool
		want  bool
	}{
		{onTopic, offTopic, true, true},
		{offTopic, onTopic, true, false},
		{offTopic, partly, true, true}, // half the topic words: the score decides
		{offTopic, onTopic, false, true},
		{inArticle, offTopic, true, true}, // an article about the topic over one on another
		{onTopic, inArticle, true, true},
	}
	for i, tt := range tests {
		if got := rankedBefore(tt.a, tt.b, tt.topic); got != tt.want {
			t.Errorf("%d: rankedBefore(%s, %s, %v) = %v, want %v", i, tt.a.hit.Meta.ID, tt.b.hit.Meta.ID, tt.topic, got, tt.want)
		}
	}
}
