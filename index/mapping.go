package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion is stored in every index this package builds. Any change
// to the mapping, the analyzer or the document layout bumps it: Open then
// refuses an older index instead of answering from documents it would
// misread, and the caller rebuilds in a new directory.
// mappingPrefix marks every newsbot mapping version.
const mappingPrefix = "newsbot-index/"

const mappingVersion = mappingPrefix + "8"

// versionKey is the internal (non-document) key holding mappingVersion.
var versionKey = []byte("newsbot_mapping_version")

// Document types, stored in the docField of every document.
const (
	docField   = "doc"
	docArticle = "article"
	docPassage = "passage"
	docFact    = "fact"
	textField  = "text"
	pairsField = "pairs" // the text again, as word pairs; see pairsConstructor
	dateField  = "date"
	sortField  = "sort_day" // YYYY-MM-DD, for sorting; see dateFieldMapping
	factField  = "fact"
	whoField   = "who"
	hashField  = "hash"
	datedField = "dated"
	// monthField is a fact's YYYY-MM as a keyword: a window of recent
	// months is a few term lookups, far cheaper than a date range.
	monthField = "month"
	npassField = "passages"
	nfactField = "facts"
	// recordField holds an article's record (see record), stored only.
	recordField = "record"
)

// Fields for which Terms and Names answer; see Terms.
var (
	// termFields maps a Terms field to the indexed field behind it: a
	// Speaker filter is matched against speaker and role words together.
	termFields = map[string]string{"who": whoField, "speaker": whoField, "place": "place"}
	nameFields = map[string]string{"speaker": "speaker_name", "place": "place_name", "controller": "controller_name", "source": "source_name"}
)

func keywordField() *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.DocValues = false
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	return f
}

func storedKeyword() *mapping.FieldMapping {
	f := keywordField()
	f.Store = true
	return f
}

// storedOnly is displayed by answers but never searched.
func storedOnly() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Store = true
	f.Index = false
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}

func storedNumber() *mapping.FieldMapping {
	f := mapping.NewNumericFieldMapping()
	f.Store = true
	f.Index = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func analyzedField(vectors bool) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = AnalyzerName
	f.Store = false
	f.IncludeInAll = false
	f.IncludeTermVectors = vectors
	f.DocValues = false
	return f
}

// dateFieldMapping is indexed for range filters. It has no doc values:
// a datetime keeps some 16 prefix-coded terms a document, which made
// sorting by it decode ten times the data of sort_day, a keyword holding
// the day as YYYY-MM-DD (which sorts like the date).
func dateFieldMapping() *mapping.FieldMapping {
	f := mapping.NewDateTimeFieldMapping()
	f.Store = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func sortFieldMapping() *mapping.FieldMapping {
	f := keywordField()
	f.DocValues = true
	return f
}

// newMapping builds the index mapping: three static document types and a
// disabled default mapping, so nothing but the fields below is indexed and
// there is no _all field. Passages and facts index what queries read and
// store nothing but an article's record (on its first passage): every
// stored or indexed field costs a dictionary or a stored value in every
// segment, and passages and facts are twelve times as many documents as
// articles.
func newMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	m.TypeField = docField
	m.DefaultAnalyzer = AnalyzerName
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	m.DefaultField = textField

	art := mapping.NewDocumentStaticMapping()
	art.AddFieldMappingsAt(docField, keywordField())
	art.AddFieldMappingsAt("id", storedKeyword())
	for _, f := range []string{"title", "outlet", "day", "path", "url", hashField, recordField} {
		art.AddFieldMappingsAt(f, storedOnly())
	}
	// Stats lists the newest articles by sort_day
	art.AddFieldMappingsAt(sortField, sortFieldMapping())
	art.AddFieldMappingsAt(dateField, dateFieldMapping())
	art.AddFieldMappingsAt(datedField, keywordField())
	art.AddFieldMappingsAt(npassField, storedNumber())
	art.AddFieldMappingsAt(nfactField, storedNumber())
	m.AddDocumentMapping(docArticle, art)

	// Passage text keeps its term vectors, positions for phrases and
	// offsets for highlights: analysing the page of hits again instead
	// saved a fifth of the index but cost toll questions, which search
	// hundreds of passages, tens of milliseconds.
	pas := mapping.NewDocumentStaticMapping()
	pas.AddFieldMappingsAt(docField, keywordField())
	pas.AddFieldMappingsAt(dateField, dateFieldMapping())
	text := analyzedField(true)
	pairs := analyzedField(false)
	pairs.Name = pairsField
	pairs.Analyzer = pairsAnalyzer
	pas.AddFieldMappingsAt(textField, text, pairs)
	pas.AddFieldMappingsAt(recordField, storedOnly())
	m.AddDocumentMapping(docPassage, pas)

	// A fact indexes only what fact queries and name lists read: every
	// further field costs a dictionary in every segment, and facts are
	// seven times as many documents as passages.
	fct := mapping.NewDocumentStaticMapping()
	fct.AddFieldMappingsAt(docField, keywordField())
	fct.AddFieldMappingsAt(sortField, sortFieldMapping())
	fct.AddFieldMappingsAt(factField, keywordField())
	fct.AddFieldMappingsAt(whoField, analyzedField(false))
	fct.AddFieldMappingsAt("place", analyzedField(false))
	fct.AddFieldMappingsAt("quote", analyzedField(false))
	fct.AddFieldMappingsAt("sentence", analyzedField(false))
	for _, f := range nameFields {
		fct.AddFieldMappingsAt(f, keywordField())
	}
	for _, f := range []string{"category", "status", monthField} {
		fct.AddFieldMappingsAt(f, keywordField())
	}
	m.AddDocumentMapping(docFact, fct)
	return m
}
