// Package kingdee is the connector to Kingdee Cloud Galaxy (金蝶云星空)
// over its WebAPI: it logs in with LoginByAppSecret (or ValidateUser with a
// password), keeps the session cookie per tenant and instance and logs in
// again when the session is lost, saves customers (BD_Customer) and
// contracts, and pulls either with ExecuteBillQuery, a page of at most 2000
// rows at a time. Field names are Kingdee's field keys ("FNumber"); the
// instance's field map turns them into form fields.
//
// Contracts are saved as sales orders (SAL_SaleOrder) by default: it is
// part of every Cloud Galaxy with supply chain and the WebAPI's own Save
// examples use it, whereas CRM_Contract exists only where the CRM module
// is licensed. The contract_form_id setting switches to CRM_Contract (or
// any other bill) where it is.
package kingdee
