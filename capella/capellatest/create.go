package capellatest

import (
	"github.com/eotask/eotask/capella"
	"github.com/paulmach/orb"
)

// createCommon is what a tasking request and a repeat request's create
// bodies share: the Feature, its geometry, and the properties both schemas
// declare alike. props is the properties object, for the members that differ.
type createCommon struct {
	geom             orb.Geometry
	props            v
	contractID       string
	name             string
	description      string
	orgID, userID    string
	collectionType   capella.CollectionType
	tier             string // the raw collectionTier, "" when absent
	holdback         capella.ArchiveHoldback
	constraints      *capella.CollectConstraints
	productTypes     []capella.ProductType
	hasProductConfig bool
	preApproval      bool
	custom1, custom2 *string
}

// parseCreateCommon reads a create body: a Feature whose geometry is one of
// kinds, whose properties hold "<prefix>Name" and "<prefix>Description", and
// whose collectionTier is one of tiers. It applies the spec's rules for the
// shared members; an absent archiveHoldback means none.
func parseCreateCommon(body []byte, kinds []string, prefix string, tiers []string) (*createCommon, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return nil, err
	}
	root := v{m: m}
	if t, present, err := root.str("type", false, false); err != nil {
		return nil, err
	} else if present && t != "Feature" {
		return nil, invalid("type", "invalid_literal", "type must be Feature")
	}
	c := &createCommon{}
	if c.geom, err = geometry(root, "geometry", kinds); err != nil {
		return nil, err
	}
	if c.props, err = root.obj("properties", true); err != nil {
		return nil, err
	}
	p := c.props
	c.contractID, _, _ = root.str("contractId", false, true)
	for _, f := range []struct {
		key      string
		dst      *string
		required bool
	}{
		{prefix + "Name", &c.name, false}, {prefix + "Description", &c.description, false},
		{"orgId", &c.orgID, true}, {"userId", &c.userID, true},
	} {
		if *f.dst, _, err = p.str(f.key, f.required, false); err != nil {
			return nil, err
		}
	}
	ct, _, err := p.str("collectionType", true, false)
	if err != nil {
		return nil, err
	}
	c.collectionType = capella.CollectionType(ct)
	if c.tier, err = p.enum("collectionTier", tiers, false); err != nil {
		return nil, err
	}
	hb, err := p.enum("archiveHoldback", enumHoldback, false)
	if err != nil {
		return nil, err
	}
	c.holdback = capella.ArchiveHoldback(hb)
	if c.holdback == "" {
		c.holdback = capella.HoldbackNone
	}
	if c.constraints, err = collectConstraints(p); err != nil {
		return nil, err
	}
	if c.productTypes, c.hasProductConfig, err = processingConfig(p, true); err != nil {
		return nil, err
	}
	if c.preApproval, _, err = p.boolean("preApproval"); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		key string
		dst **string
	}{{"customAttribute1", &c.custom1}, {"customAttribute2", &c.custom2}} {
		s, present, err := p.str(f.key, false, true)
		if err != nil {
			return nil, err
		}
		if present {
			*f.dst = &s
		}
	}
	return c, nil
}
