//go:build !race

package facts

const raceOn = false
