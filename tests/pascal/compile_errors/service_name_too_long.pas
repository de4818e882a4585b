{ error-line: 4 }
{ error-match: at most 64 characters }
{ dvm-only: fpc has no remote routines; dvm names a program's service after the program, and a service name has at most 64 characters }
program PricingServiceClientWhoseNameIsFarLongerThanAnyServiceNameMayBeInACluster;
function price(item: string): integer; external 'pricing';
begin
  writeln(price('abcd'));
end.
