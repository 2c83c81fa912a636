/**
 * Reply documents shaped exactly as the logged Prima replies in prima-omlink.md (§1.6, §1.7, §2.2-§2.5),
 * with the DEV MODE stack-trace tails a live endpoint appended. Used by the parser tests; exported so
 * other rooms' tests can feed realistic replies to a fake gateway.
 */
const DECL = '<?xml version="1.0" encoding="ISO-8859-1"?>';
const TRACE = (msgId: string): string =>
  ` DEV MODE Stack Trace (Msg - ${msgId}): sop/wsomhandler.p (wsomhandler) imp/procorders.p (ProcessOrder) lib/xmlutil2.p (EndElement)`;

export const MULTI_NEW_ORDER_OK = `${DECL}
<Result Company="1" RequestType="MultiNewOrder"><Data CustRef="" CustomerCode="0000488311" OrderNumber="20123565" TPGUID="20123565" UniqueID="48213377" RequestStatus="OK"/></Result>`;

export const MULTI_NEW_ORDER_DUPLICATE = `${DECL}
<Result Company="1" RequestType="MultiNewOrder"><Data CustRef="" CustomerCode="" OrderNumber="20123565" TPGUID="20123565" UniqueID="90817264" RequestStatus="ERROR"><RequestError UniqueID="90817264" Error="(E:21) Sales order header already exists with this order number.${TRACE('E:Exist1')}
(E:194) No valid sales-order header details for line.${TRACE('E:194')}"/></Data></Result>`;

export const MULTI_NEW_ORDER_VAT_MISMATCH = `${DECL}
<Result Company="1" RequestType="MultiNewOrder"><Data CustRef="" CustomerCode="0000488402" OrderNumber="20123601" TPGUID="20123601" UniqueID="55120931" RequestStatus="ERROR"><RequestError UniqueID="55120931" Error="(E:548) Price from price book has different VAT incl. prices setting to sales order.${TRACE('E:VATINCORD')}
(E:194) No valid order lines found for order 20123601.${TRACE('E:194')}
(E:194) No valid sales-order line details for matrix levels.${TRACE('E:194')}
(E:194) No valid sales-order header details for charges.${TRACE('E:194')}"/></Data></Result>`;

/** Two orders in one call: the first accepted, the second refused (each Data carries its own status). */
export const MULTI_NEW_ORDER_MIXED = `${DECL}
<Result Company="1" RequestType="MultiNewOrder"><Data CustRef="" CustomerCode="0000488500" OrderNumber="W1001" TPGUID="1001" UniqueID="10000001" RequestStatus="OK"/><Data CustRef="" CustomerCode="" OrderNumber="W1002" TPGUID="1002" UniqueID="10000002" RequestStatus="ERROR"><RequestError UniqueID="10000002" Error="(E:194) No valid sales-order line details for matrix levels.${TRACE('E:194')}"/></Data></Result>`;

export const PARSE_ERROR_14586 = `${DECL}
<Result Company="1" RequestType="" RequestStatus="ERROR" Error="The XML may be invalid or may contain invalid characters. SAX parser error: Invalid attribute value (14586)"><RequestError Error="The XML may be invalid or may contain invalid characters. SAX parser error: Invalid attribute value (14586)"/></Result>`;

export const PRODUCT_ATS_BULK = `${DECL}
<Result Company="1" RequestStatus="OK" RequestType="ProductAvailableToSell"><Data><sku Product="ETOS" MtrxCode1="G" MtrxCode2="075" MtrxCode3="" MtrxCode4="" AvailableQuantity="12" AvailableDate=""/><sku Product="ETOS" MtrxCode1="H" MtrxCode2="075" MtrxCode3="" MtrxCode4="" AvailableQuantity="0" AvailableDate="14/01/2020"/><sku Product="BELT" MtrxCode1="NONE" MtrxCode2="32IN" MtrxCode3="" MtrxCode4="" AvailableQuantity="872" AvailableDate=""/></Data></Result>`;

export const MULTI_ATS_LIST = `${DECL}
<Result Company="1" RequestStatus="OK" RequestType="MultiAvailableToSell"><Data><SKU Product="ETOS" MtrxCode1="G" MtrxCode2="080" MtrxCode3="" MtrxCode4="" AvailableQuantity="3" AvailableDate=""/><SKU Product="ETOS" MtrxCode1="G" MtrxCode2="085" MtrxCode3="" MtrxCode4="" AvailableQuantity="0" AvailableDate="02/12/2018"/></Data></Result>`;

export const ORDER_STATUS_DESPATCHED = `${DECL}
<Result Company="1" RequestStatus="OK" RequestType="OrderStatus"><Data OrderNumber="20123565" OrderStatus="Part Despatched"/></Result>`;
