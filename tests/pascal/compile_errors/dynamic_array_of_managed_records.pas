{ error-line: 10 }
{ error-match: unsupported: dynamic arrays of records or arrays holding strings }
{ dvm-only: fpc has dynamic arrays of any type; dvm's elements are plain values or references (strings, dynamic arrays), not records holding references }
program DynamicArrayOfManagedRecords;
type
  TPerson = record
    name: string;
    age: integer;
  end;
  TPeople = array of TPerson;
var
  people: TPeople;
begin
  SetLength(people, 1);
end.
