package nianbao

// Direct access to the cells of a Report by their names, without reflection
// or a map lookup: the parser and the renderer set and read every cell of
// every report, so this is on the hot path. TestCellAt checks these switches
// against cellIndex, which is built from the struct tags.

// cellAt returns a pointer to the cell table.row.col of r ("t3", "new",
// "total"), or nil if the Report type has no such cell.
func (r *Report) cellAt(table, row, col string) *Cell {
	switch table {
	case "t2":
		return r.Active.cell(row, col)
	case "t3":
		if rw := r.Requests.row(row); rw != nil {
			return rw.cell(col)
		}
	case "t4":
		if rw := r.Reviews.row(row); rw != nil {
			return rw.cell(col)
		}
	}
	return nil
}

func (t *ActiveTable) cell(row, col string) *Cell {
	switch row {
	case "regulations":
		return t.Regulations.cell(col)
	case "normative_docs":
		return t.NormativeDocs.cell(col)
	case "licensing":
		return t.Licensing.cell(col)
	case "other_services":
		return t.OtherServices.cell(col)
	case "penalty":
		return t.Penalty.cell(col)
	case "coercion":
		return t.Coercion.cell(col)
	case "fees":
		return t.Fees.cell(col)
	case "procurement":
		return t.Procurement.cell(col)
	}
	return nil
}

func (t *RequestTable) row(name string) *ApplicantRow {
	switch name {
	case "new":
		return &t.New
	case "carried_over":
		return &t.CarriedOver
	case "granted":
		return &t.Granted
	case "partial":
		return &t.Partial
	case "denied":
		return &t.Denied
	case "denied_secret":
		return &t.DeniedSecret
	case "denied_law":
		return &t.DeniedLaw
	case "denied_safety":
		return &t.DeniedSafety
	case "denied_third_party":
		return &t.DeniedThirdParty
	case "denied_internal":
		return &t.DeniedInternal
	case "denied_process":
		return &t.DeniedProcess
	case "denied_enforcement":
		return &t.DeniedEnforcement
	case "denied_query":
		return &t.DeniedQuery
	case "unavailable":
		return &t.Unavailable
	case "unavailable_not_held":
		return &t.UnavailableNotHeld
	case "unavailable_needs_creation":
		return &t.UnavailableNeedsCreation
	case "unavailable_unclear":
		return &t.UnavailableUnclear
	case "rejected":
		return &t.Rejected
	case "rejected_petition":
		return &t.RejectedPetition
	case "rejected_repeat":
		return &t.RejectedRepeat
	case "rejected_publication":
		return &t.RejectedPublication
	case "rejected_excessive":
		return &t.RejectedExcessive
	case "rejected_confirmation":
		return &t.RejectedConfirmation
	case "other":
		return &t.Other
	case "other_no_correction":
		return &t.OtherNoCorrection
	case "other_unpaid_fee":
		return &t.OtherUnpaidFee
	case "other_other":
		return &t.OtherOther
	case "total":
		return &t.Total
	case "carried_forward":
		return &t.CarriedForward
	}
	return nil
}

func (t *ReviewTable) row(name string) *ReviewRow {
	switch name {
	case "review":
		return &t.Review
	case "suit_direct":
		return &t.SuitDirect
	case "suit_after_review":
		return &t.SuitAfterReview
	}
	return nil
}

func (r *DocRow) cell(col string) *Cell {
	switch col {
	case "issued":
		return &r.Issued
	case "repealed":
		return &r.Repealed
	case "in_force":
		return &r.InForce
	case "new_made":
		return &r.NewMade
	case "new_published":
		return &r.NewPublished
	case "published_total":
		return &r.PublishedTotal
	}
	return nil
}

func (r *ItemRow) cell(col string) *Cell {
	switch col {
	case "prev_items":
		return &r.PrevItems
	case "change":
		return &r.Change
	case "decisions":
		return &r.Decisions
	}
	return nil
}

func (r *FeeRow) cell(col string) *Cell {
	switch col {
	case "prev_items":
		return &r.PrevItems
	case "change":
		return &r.Change
	case "amount":
		return &r.Amount
	}
	return nil
}

func (r *ProcurementRow) cell(col string) *Cell {
	switch col {
	case "items":
		return &r.Items
	case "amount":
		return &r.Amount
	}
	return nil
}

func (r *ApplicantRow) cell(col string) *Cell {
	switch col {
	case "natural_person":
		return &r.NaturalPerson
	case "commercial":
		return &r.Commercial
	case "research":
		return &r.Research
	case "public_interest":
		return &r.PublicInterest
	case "legal_services":
		return &r.LegalServices
	case "other":
		return &r.Other
	case "total":
		return &r.Total
	case "organizations":
		return &r.Organizations
	}
	return nil
}

func (r *ReviewRow) cell(col string) *Cell {
	switch col {
	case "upheld":
		return &r.Upheld
	case "corrected":
		return &r.Corrected
	case "other":
		return &r.Other
	case "pending":
		return &r.Pending
	case "total":
		return &r.Total
	}
	return nil
}
