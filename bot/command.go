package bot

import (
	"sort"
	"strings"
)

// Command declares a slash command: its name, what it does and its options.
// The Discord front end registers exactly these; the engine parses typed
// text ("/quote speaker:Netanyahu topic:Syria") against them.
type Command struct {
	Name        string
	Description string
	Options     []Option
	AdminOnly   bool
}

// Option is one named option of a command.
type Option struct {
	Name        string
	Description string
	Required    bool
	Choices     []string // when set, the value must be one of these
}

// Commands is the one place slash commands are declared.
var Commands = []Command{
	{Name: "ask", Description: "Ask a question in plain words", Options: []Option{
		{Name: "question", Description: "What you want to know", Required: true}}},
	{Name: "quote", Description: "Quotes from a speaker", Options: []Option{
		{Name: "speaker", Description: "Name, surname, alias or role (\"Kremlin spokesman\")", Required: true},
		{Name: "topic", Description: "Words the quote should be about"}}},
	{Name: "toll", Description: "Latest casualty figures and how they changed", Options: []Option{
		{Name: "place", Description: "Town, province or country"},
		{Name: "category", Description: "What to count", Choices: []string{"killed", "injured", "displaced"}}}},
	{Name: "control", Description: "Who holds a place, by source and date", Options: []Option{
		{Name: "place", Description: "Town, city, province or site", Required: true}}},
	{Name: "search", Description: "Full-text search of the archive", Options: []Option{
		{Name: "query", Description: "Words or a \"quoted phrase\"", Required: true}}},
	{Name: "sources", Description: "What the archive holds: articles, newest dates, skipped files"},
	{Name: "reindex", Description: "Rebuild the index from the corpus folder (admins only)", AdminOnly: true},
	{Name: "help", Description: "What the bot can answer"},
}

func findCommand(name string) (Command, bool) {
	for _, c := range Commands {
		if c.Name == name {
			return c, true
		}
	}
	return Command{}, false
}

func commandNames() string {
	var n []string
	for _, c := range Commands {
		n = append(n, "/"+c.Name)
	}
	return strings.Join(n, ", ")
}

func (c Command) optionNames() string {
	var n []string
	for _, o := range c.Options {
		n = append(n, o.Name+":")
	}
	sort.Strings(n)
	return strings.Join(n, " ")
}

func (c Command) option(name string) (Option, bool) {
	for _, o := range c.Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}
