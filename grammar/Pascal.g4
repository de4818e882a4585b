// The Pascal subset of dvm (see the project's PASCAL.md), as fpc -Mobjfpc reads it.
// Keywords and identifiers are case-insensitive. Semantic checks (types, scopes)
// are the front end's job; this grammar accepts a little more than the subset
// (set types, variant records, labels...) so that such programs get a clear
// "unsupported: ..." error instead of a syntax error.
grammar Pascal;

program_
    : PROGRAM identifier (LPAREN identifierList RPAREN)? SEMI usesClause? block DOT EOF
    ;

usesClause
    : USES identifierList SEMI
    ;

block
    : declaration* compoundStatement
    ;

declaration
    : constSection
    | typeSection
    | varSection
    | labelSection
    | routineDeclaration
    | dvmDirective
    ;

dvmDirective
    : DVMDIR
    ;

labelSection
    : LABEL labelName (COMMA labelName)* SEMI
    ;

// ISO labels are digit sequences; fpc also takes identifiers.
labelName
    : INTEGER_LITERAL
    | identifier
    ;

constSection
    : CONST constDefinition+
    ;

constDefinition
    : identifier (COLON typeSpec)? EQUAL typedConstant SEMI
    ;

// The value of a typed constant or an initialized variable: an expression,
// or in parentheses the elements of an array or the fields of a record
// (nested for several dimensions and records inside).
typedConstant
    : structuredConstant
    | expression
    ;

structuredConstant
    : LPAREN recordConstantField (SEMI recordConstantField)* SEMI? RPAREN      # recordConstant
    | LPAREN typedConstant (COMMA typedConstant)* RPAREN                      # arrayConstant
    ;

recordConstantField
    : identifier COLON typedConstant
    ;

typeSection
    : TYPE typeDefinition+
    ;

typeDefinition
    : identifier EQUAL typeSpec SEMI
    ;

varSection
    : VAR varDeclaration+
    ;

varDeclaration
    : identifierList COLON typeSpec (EQUAL typedConstant)? SEMI
    ;

typeSpec
    : PACKED? structuredType                                   # structType
    | CARET typeSpec                                           # pointerType
    | STRING (LBRACK expression RBRACK)?                       # stringType
    | LPAREN enumMember (COMMA enumMember)* RPAREN             # enumType
    | simpleExpression DOTDOT simpleExpression                 # subrangeType
    | identifier                                               # namedType
    | PROCEDURE formalParameters? (OF identifier)?             # procedureType
    | FUNCTION formalParameters? COLON typeSpec (OF identifier)?  # functionType
    ;

structuredType
    : ARRAY (LBRACK indexRange (COMMA indexRange)* RBRACK)? OF typeSpec   # arrayType
    | RECORD fieldList? END                                              # recordType
    | SET OF typeSpec                                                    # setType
    | FILE (OF typeSpec)?                                                # fileType
    ;

indexRange
    : simpleExpression DOTDOT simpleExpression                 # rangeIndex
    | identifier                                               # namedIndex
    ;

fieldList
    : fieldDeclaration (SEMI fieldDeclaration)* SEMI? variantPart?
    | variantPart
    ;

fieldDeclaration
    : identifierList COLON typeSpec
    ;

// `case kind: TKind of a: (x: real); b: (i, j: integer)`, or without a tag
// field `case integer of ...`: the variants share one place in the record.
variantPart
    : CASE identifier (COLON identifier)? OF variant (SEMI variant)* SEMI?
    ;

variant
    : caseLabel (COMMA caseLabel)* COLON LPAREN fieldList? RPAREN
    ;

routineDeclaration
    : dvmDirective* (procedureHeading | functionHeading) SEMI (routineModifier SEMI)* routineBody SEMI
    ;

// `overload`, `inline` (and what fpc accepts besides) after a heading; they
// are not reserved words.
routineModifier
    : identifier
    ;

// `external 'service' [name 'proc']`: a procedure of another program
// (remote procedures).
routineBody
    : FORWARD
    | EXTERNAL STRING_LITERAL (identifier STRING_LITERAL)?
    | block
    ;

procedureHeading
    : PROCEDURE identifier formalParameters?
    ;

functionHeading
    : FUNCTION identifier formalParameters? COLON typeSpec
    ;

formalParameters
    : LPAREN (parameterGroup (SEMI parameterGroup)*)? RPAREN
    ;

parameterGroup
    : (VAR | CONST)? identifierList COLON parameterType (EQUAL expression)?
    ;

parameterType
    : ARRAY OF typeSpec                                        # openArrayParam
    | typeSpec                                                 # plainParam
    ;

compoundStatement
    : BEGIN statementList END
    ;

statementList
    : statement (SEMI statement)*
    ;

statement
    : compoundStatement                                        # compoundStmt
    | designator assignOperator expression                     # assignStmt
    | designator                                               # callStmt
    | IF expression THEN statement (ELSE statement)?           # ifStmt
    | WHILE expression DO statement                            # whileStmt
    | REPEAT statementList UNTIL expression                    # repeatStmt
    | FOR identifier ASSIGN expression (TO | DOWNTO) expression DO statement   # forStmt
    | FOR identifier IN expression DO statement                # forInStmt
    | CASE expression OF caseItem (SEMI caseItem)* SEMI? caseElse? END          # caseStmt
    | WITH designator (COMMA designator)* DO statement         # withStmt
    | GOTO labelName                                           # gotoStmt
    | labelName COLON statement                                # labeledStmt
    | dvmDirective statement                                   # directiveStmt
    |                                                          # emptyStmt
    ;

caseItem
    : caseLabel (COMMA caseLabel)* COLON statement
    ;

caseLabel
    : expression (DOTDOT expression)?
    ;

caseElse
    : (ELSE | OTHERWISE) statementList
    ;

designator
    : identifier selector*
    ;

selector
    : LBRACK expression (COMMA expression)* RBRACK             # indexSelector
    | DOT identifier                                           # fieldSelector
    | CARET                                                    # derefSelector
    | LPAREN (argument (COMMA argument)*)? RPAREN              # callSelector
    ;

argument
    : expression (COLON expression (COLON expression)?)?
    ;

// fpc chains comparisons to the left: a = b = c is (a = b) = c.
expression
    : simpleExpression (relationalOperator simpleExpression)*
    ;

// fpc's C-style operators (on by default): x += e is x := x + e.
assignOperator
    : ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN
    ;

relationalOperator
    : EQUAL | NOT_EQUAL | LT | LE | GT | GE | IN
    ;

simpleExpression
    : term (additiveOperator term)*
    ;

additiveOperator
    : PLUS | MINUS | OR | XOR
    ;

term
    : factor (multiplicativeOperator factor)*
    ;

multiplicativeOperator
    : STAR | SLASH | DIV | MOD | AND | SHL | SHR | SHL_OP | SHR_OP
    ;

factor
    : (PLUS | MINUS) factor                                    # signFactor
    | NOT factor                                               # notFactor
    | LPAREN expression RPAREN                                 # parenFactor
    | INTEGER_LITERAL                                          # intFactor
    | REAL_LITERAL                                             # realFactor
    | STRING_LITERAL                                           # stringFactor
    | NIL                                                      # nilFactor
    | AT designator                                            # addressFactor
    | LBRACK (setElement (COMMA setElement)*)? RBRACK          # setFactor
    | designator                                               # designatorFactor
    ;

setElement
    : expression (DOTDOT expression)?
    ;

identifierList
    : identifier (COMMA identifier)*
    ;

// fpc's enumeration members may be given their values: (Low = 1, High := 10).
enumMember
    : identifier ((EQUAL | ASSIGN) expression)?
    ;

// Words that fpc treats as ordinary identifiers in objfpc mode where they are
// not keywords of the subset.
identifier
    : IDENT
    | OTHERWISE
    | EXTERNAL
    ;

// ---- lexer -----------------------------------------------------------------

AND : A N D ;
ARRAY : A R R A Y ;
BEGIN : B E G I N ;
CASE : C A S E ;
CONST : C O N S T ;
DIV : D I V ;
DO : D O ;
DOWNTO : D O W N T O ;
ELSE : E L S E ;
END : E N D ;
EXTERNAL : E X T E R N A L ;
FILE : F I L E ;
FOR : F O R ;
FORWARD : F O R W A R D ;
FUNCTION : F U N C T I O N ;
GOTO : G O T O ;
IF : I F ;
IN : I N ;
LABEL : L A B E L ;
MOD : M O D ;
NIL : N I L ;
NOT : N O T ;
OF : O F ;
OR : O R ;
OTHERWISE : O T H E R W I S E ;
PACKED : P A C K E D ;
PROCEDURE : P R O C E D U R E ;
PROGRAM : P R O G R A M ;
RECORD : R E C O R D ;
REPEAT : R E P E A T ;
SET : S E T ;
SHL : S H L ;
SHR : S H R ;
STRING : S T R I N G ;
THEN : T H E N ;
TO : T O ;
TYPE : T Y P E ;
UNTIL : U N T I L ;
USES : U S E S ;
VAR : V A R ;
WHILE : W H I L E ;
WITH : W I T H ;
XOR : X O R ;

PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
ASSIGN : ':=' ;
PLUS_ASSIGN : '+=' ;
MINUS_ASSIGN : '-=' ;
STAR_ASSIGN : '*=' ;
SLASH_ASSIGN : '/=' ;
COMMA : ',' ;
SEMI : ';' ;
COLON : ':' ;
EQUAL : '=' ;
NOT_EQUAL : '<>' ;
LT : '<' ;
LE : '<=' ;
SHL_OP : '<<' ;
SHR_OP : '>>' ;
GE : '>=' ;
GT : '>' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
CARET : '^' ;
AT : '@' ;
DOTDOT : '..' ;
DOT : '.' ;

IDENT : [a-zA-Z_] [a-zA-Z_0-9]* ;

INTEGER_LITERAL
    : [0-9]+
    | '$' [0-9a-fA-F]+
    ;

REAL_LITERAL
    : [0-9]+ '.' [0-9]+ EXPONENT?
    | [0-9]+ EXPONENT
    ;

// 'it''s', #65 and their concatenations ('a'#10'b') form one literal.
STRING_LITERAL
    : ( '\'' ( ~['\r\n] | '\'\'' )* '\'' | '#' [0-9]+ | '#$' [0-9a-fA-F]+ )+
    ;

// {$dvm ...} directives reach the parser; other {$...} directives are ignored
// with a warning (the front end reads them from their own channel).
DVMDIR : '{$' D V M [ \t] ~'}'* '}' ;
DIRECTIVE : '{$' ~'}'* '}' -> channel(2) ;

COMMENT_BRACE : '{' ~'}'* '}' -> skip ;
COMMENT_PAREN : '(*' .*? '*)' -> skip ;
COMMENT_LINE : '//' ~[\r\n]* -> skip ;
WS : [ \t\r\n\f]+ -> skip ;

UNTERMINATED_COMMENT : ( '{' ~'}'* EOF | '(*' ( ~'*' | '*'+ ~[*)] )* '*'* EOF ) ;
UNTERMINATED_STRING : '\'' ( ~['\r\n] | '\'\'' )* ;
BAD_CHAR : . ;

fragment EXPONENT : [eE] [+-]? [0-9]+ ;
fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
