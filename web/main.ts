/** Registers Gloss's elements; the server-rendered page works without this file. */
import './components/gloss-block.ts'
