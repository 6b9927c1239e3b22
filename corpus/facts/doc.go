// Package facts turns an article into the three kinds of fact the newsroom
// asks about: statements (who said what), tolls (killed, injured, displaced)
// and territorial control (who holds which place). Every fact carries
// Evidence with byte offsets into the article's original text; quotes and
// sentences are always cut from that text, never rebuilt, so what the bot
// shows is verbatim.
package facts
