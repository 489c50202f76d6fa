package record

// SubmitKeyID exposes submitKeyID to the tests of submitOnce.
var SubmitKeyID = submitKeyID
