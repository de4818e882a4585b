{ error-line: 6 }
program DuplicateIdentifier;
var
  count: integer;
  name: string;
  count: real;
begin
  count := 1;
end.
