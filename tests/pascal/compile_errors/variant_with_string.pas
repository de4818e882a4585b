{ error-line: 7 }
{ dvm-only: dvm's strings are managed (AnsiString), and a managed field cannot share its place with others; fpc's short strings can }
program VariantWithString;
type
  TItem = record
    case named: boolean of
      true: (name: string);
      false: (code: integer)
  end;
var
  item: TItem;
begin
  item.named := false;
  item.code := 3;
  writeln(item.code)
end.
