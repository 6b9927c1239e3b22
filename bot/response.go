package bot

// Request is one question or command, from any front end.
type Request struct {
	// Text is what the user typed: a plain question or slash-command text
	// ("/quote speaker:Netanyahu").
	Text string
	// Cursor asks for the next page of an earlier response.
	Cursor string
	// Previous is the question this one follows in the same conversation
	// ("and in Idlib?" after "How many were killed in Aleppo?"), or "".
	Previous string
	User     User
}

// User is who asked. Admin gates /reindex.
type User struct {
	ID    string
	Name  string
	Admin bool
}

// Response is the engine's answer. Its JSON form is the contract of
// `newsbot ask --json`: question, intent, answers[{text, quote, speaker,
// evidence, source}], where quote and evidence stand verbatim in the cited
// article.
type Response struct {
	Question    string   `json:"question"`
	Intent      string   `json:"intent"`
	Headline    string   `json:"headline"`
	Answers     []Answer `json:"answers"`
	Notes       []string `json:"notes,omitempty"`
	Suggestions []string `json:"suggestions,omitempty"`
	Chart       *Chart   `json:"chart,omitempty"`
	// Cursor, when set, fetches the next page (Request.Cursor).
	Cursor string `json:"cursor,omitempty"`
}

// Answer is one fact or passage with where it comes from.
type Answer struct {
	// Text is the answer as a person reads it, one line.
	Text string `json:"text"`
	// Quote is the speaker's words, verbatim; empty for reported speech,
	// tolls, control claims and search passages.
	Quote   string `json:"quote,omitempty"`
	Speaker string `json:"speaker,omitempty"`
	Role    string `json:"role,omitempty"`
	Kind    string `json:"kind,omitempty"`
	// Evidence is the sentence the fact stands in, verbatim.
	Evidence string `json:"evidence,omitempty"`
	// Highlights are byte ranges of Evidence that matched the query.
	Highlights [][2]int `json:"highlights,omitempty"`
	Source     Source   `json:"source"`
	// Also lists other articles carrying the same quote (wire copies,
	// translations).
	Also []Source `json:"also,omitempty"`
	// Toll and Control carry the structured fact, when the answer is one.
	Toll    *TollFact    `json:"toll,omitempty"`
	Control *ControlFact `json:"control,omitempty"`
}

// Source cites an article.
type Source struct {
	Article string `json:"article"`
	Title   string `json:"title"`
	Outlet  string `json:"outlet"`
	Date    string `json:"date"` // YYYY-MM-DD, or "" when the article is undated
	Path    string `json:"path"`
	URL     string `json:"url,omitempty"`
}

// TollFact is a figure as the answer gives it.
type TollFact struct {
	Count     int64  `json:"count"`
	Qualifier string `json:"qualifier"`
	Category  string `json:"category"`
	Subgroup  string `json:"subgroup,omitempty"`
	Place     string `json:"place,omitempty"`
	Scope     string `json:"scope"`
	Source    string `json:"source,omitempty"`
	Date      string `json:"date"`
}

// ControlFact is a territorial claim as the answer gives it.
type ControlFact struct {
	Place      string `json:"place"`
	Controller string `json:"controller"`
	Status     string `json:"status"`
	Except     string `json:"except,omitempty"`
	Source     string `json:"source,omitempty"`
	Date       string `json:"date"`
}

// Chart is a series a front end may draw: a toll over time.
type Chart struct {
	Title  string  `json:"title"`
	Points []Point `json:"points"`
}

// Point is one dated figure of a Chart.
type Point struct {
	Date  string `json:"date"`
	Value int64  `json:"value"`
	// Label is who reported the figure; a chart draws one line per label.
	Label string `json:"label"`
}
