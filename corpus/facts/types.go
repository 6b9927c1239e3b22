package facts

// Evidence ties a fact to the words it stands on. Start and End are byte
// offsets into the article's Text and Text[Start:End] is the exact span
// (the quote itself for a statement, the clause for a toll or a claim);
// Sentence is the whole sentence around it, also cut verbatim from Text.
type Evidence struct {
	Article  string `json:"article"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence string `json:"sentence"`
}

// Statement kinds.
const (
	Direct   = "direct"   // a quoted sentence
	Partial  = "partial"  // a quoted fragment inside reported speech
	Unquoted = "unquoted" // direct speech without quotation marks (translated copy)
	Reported = "reported" // the writer's paraphrase: "Assad branded the offensive ..."
)

// Statement is who said what. Quote is verbatim from the article (for
// reported speech, the reported clause).
type Statement struct {
	Article  string   `json:"article"`
	Speaker  string   `json:"speaker"`
	Role     string   `json:"role"`
	Quote    string   `json:"quote"`
	Kind     string   `json:"kind"`
	Date     string   `json:"date,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// Toll qualifiers, categories and scopes.
const (
	Exact    = "exact"
	AtLeast  = "at_least"
	MoreThan = "more_than"
	Nearly   = "nearly"
	About    = "about"
	UpTo     = "up_to"
	Vague    = "vague" // "dozens", "hundreds": Count is the low end

	Killed    = "killed"
	Injured   = "injured"
	Displaced = "displaced"
	Missing   = "missing"
	Detained  = "detained"

	Incident  = "incident"  // one strike, one attack, one day
	Offensive = "offensive" // the current campaign as a whole
	War       = "war"       // since 2011: background, never "the latest toll"
)

// Toll is a casualty or displacement figure as one report gives it.
type Toll struct {
	Article   string `json:"article"`
	Count     int64  `json:"count"`
	Low       int64  `json:"low"`
	High      int64  `json:"high"`
	Qualifier string `json:"qualifier"`
	Category  string `json:"category"`
	Subgroup  string `json:"subgroup"`
	Place     string `json:"place"`
	Source    string `json:"source"`
	Scope     string `json:"scope"`
	// Date is YYYY-MM-DD; a reduced form ("2016", "2017-03") when the text
	// places the event in an earlier year than the report; "" when neither
	// text nor article dates it. Reduced dates sort before full ones of the
	// same year, so a 2016 event is never taken for the latest report.
	Date     string   `json:"date"`
	Evidence Evidence `json:"evidence"`
}

// Control statuses.
const (
	Controls   = "controls"
	Seized     = "seized"
	Lost       = "lost"
	Held       = "held"
	Contested  = "contested"
	Recaptured = "recaptured"
)

// Control is a claim about who holds a place.
type Control struct {
	Article    string   `json:"article"`
	Place      string   `json:"place"`
	Controller string   `json:"controller"`
	Status     string   `json:"status"`
	Except     string   `json:"except"`
	Source     string   `json:"source"`
	Date       string   `json:"date"` // as Toll.Date
	Evidence   Evidence `json:"evidence"`
}

// Set is everything extracted from one or more articles.
type Set struct {
	Statements []Statement `json:"statements"`
	Tolls      []Toll      `json:"tolls"`
	Control    []Control   `json:"control"`
}

// Add appends the facts of o to s.
func (s *Set) Add(o Set) {
	s.Statements = append(s.Statements, o.Statements...)
	s.Tolls = append(s.Tolls, o.Tolls...)
	s.Control = append(s.Control, o.Control...)
}
