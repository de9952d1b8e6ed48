package capella

import (
	"context"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// User is the caller's profile from the access service (GET /user; schema
// User of openapi-access.json). Only the fields a tasking client needs are
// typed; Unknown keeps the rest.
type User struct {
	ID                    string     `json:"id"`
	Email                 string     `json:"email"`
	GivenName             string     `json:"givenName"`
	FamilyName            string     `json:"familyName"`
	OrganizationID        *string    `json:"organizationId"` // null for users outside an organization
	Roles                 []UserRole `json:"roles"`
	NOAAVerified          bool       `json:"noaaVerified"`
	NOAAWhitelisted       bool       `json:"noaaWhitelisted"`
	AllowedToTaskOnBehalf *bool      `json:"allowedToTaskOnBehalf,omitzero"`
	CreatedAt             string     `json:"createdAt"` // the spec types these as plain strings
	UpdatedAt             string     `json:"updatedAt"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// Created returns CreatedAt as a time, or the zero time if it cannot be read.
func (u *User) Created() time.Time { return parseTime(u.CreatedAt) }

// HasRole reports whether the user has role r.
func (u *User) HasRole(r UserRole) bool {
	for _, x := range u.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// UsersService reads the caller's profile.
type UsersService struct{ c *Client }

// Me returns the profile of the key's user, whose id and organizationId
// the client puts into create bodies: GET /user.
func (s *UsersService) Me(ctx context.Context) (*User, error) {
	var u User
	resp, err := s.c.tc.Get(ctx, "user", nil, &u)
	if err != nil {
		return nil, err
	}
	if err := resp.Holds("user", u.ID != ""); err != nil {
		return nil, err
	}
	return &u, nil
}
