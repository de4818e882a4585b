program Pricing;
{$dvm export}
function price(item: string): integer;
begin
  price := length(item);
end;
begin
  serve;
end.
