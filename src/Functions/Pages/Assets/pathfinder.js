// Starts the NHS.UK frontend's components (error summary focus, header menu). Pages work without it.
import { initAll } from './nhsuk/nhsuk-frontend.min.js'

initAll()
