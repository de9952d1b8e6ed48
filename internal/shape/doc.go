// Package shape holds the test that keeps the four provider packages in the
// shape TEMPLATE.md describes: the same files for the same roles, the same
// names for the same operations, typed options, endpoint-naming docs,
// runnable examples and the same simulator controls. See shape_test.go.
package shape
