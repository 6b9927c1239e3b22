//go:build race

package facts

// raceOn is true in a -race build, where the equivalence tests that read
// every position of the shared corpora take minutes; the plain test run
// keeps them.
const raceOn = true
