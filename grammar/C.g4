// The C11 subset of dvm (see docs/C.md / shared spec C.md).
//
// The parser never sees raw text: the preprocessor (frontend/c_preprocess.cpp)
// produces tokens with their source positions and the front end maps them to
// these token types.  Typedef names arrive as TYPEDEF_NAME (a pre-pass over
// the token stream tracks typedef declarations, as chibicc does), so the
// grammar stays context-free and SLL-friendly.  The lexer rules below exist
// for the token vocabulary and for --emit=tokens of unpreprocessed text.
grammar C;

compilationUnit : externalDeclaration* EOF ;

externalDeclaration
    : functionDefinition        #funcDefExt
    | declaration               #declExt
    | PRAGMA                    #pragmaExt
    | ';'                       #emptyExt
    ;

// `declaration*`: an old-style (K&R) definition declares its parameters
// between the declarator and the body.
functionDefinition : declSpecifiers declarator declaration* compoundStatement ;

declaration
    : declSpecifiers initDeclaratorList? ';'
    | staticAssert
    ;

staticAssert : '_Static_assert' '(' expr ',' STRING_LITERAL+ ')' ';' ;

declSpecifiers : declSpecifier+ ;

declSpecifier
    : storageClass
    | typeSpecifier
    | typeQualifier
    | 'inline'
    | '_Noreturn'
    ;

storageClass : 'typedef' | 'extern' | 'static' | 'auto' | 'register' | '_Thread_local' ;

typeSpecifier
    : 'void' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double'
    | 'signed' | 'unsigned' | '_Bool' | '_Complex'
    | structSpecifier
    | enumSpecifier
    | TYPEDEF_NAME
    ;

typeQualifier : 'const' | 'volatile' | 'restrict' | '_Atomic' ;

structSpecifier
    : structOrUnion tagName? '{' structDeclaration* '}'
    | structOrUnion tagName
    ;

structOrUnion : 'struct' | 'union' ;

tagName : IDENTIFIER | TYPEDEF_NAME ;

structDeclaration
    : specifierQualifierList structDeclaratorList? ';'
    | staticAssert
    ;

specifierQualifierList : (typeSpecifier | typeQualifier)+ ;

structDeclaratorList : structDeclarator (',' structDeclarator)* ;

structDeclarator : declarator (':' expr)? | ':' expr ;

enumSpecifier
    : 'enum' tagName? '{' enumerator (',' enumerator)* ','? '}'
    | 'enum' tagName
    ;

enumerator : IDENTIFIER ('=' expr)? ;

initDeclaratorList : initDeclarator (',' initDeclarator)* ;

initDeclarator : declarator ('=' initializer)? ;

declarator : pointer* directDeclarator ;

pointer : '*' typeQualifier* ;

directDeclarator
    : (IDENTIFIER | '(' declarator ')') declaratorSuffix*
    ;

declaratorSuffix
    : '[' typeQualifier* 'static'? expr? ']'      #arraySuffix
    | '[' '*' ']'                                  #vlaStarSuffix
    | '(' parameterTypeList? ')'                   #funcSuffix
    | '(' IDENTIFIER (',' IDENTIFIER)* ')'         #krSuffix
    ;

parameterTypeList : parameterDeclaration (',' parameterDeclaration)* (',' ELLIPSIS)? ;

parameterDeclaration : declSpecifiers (declarator | abstractDeclarator)? ;

abstractDeclarator
    : pointer+ directAbstractDeclarator?
    | directAbstractDeclarator
    ;

directAbstractDeclarator
    : '(' abstractDeclarator ')' declaratorSuffix*
    | declaratorSuffix+
    ;

typeName : specifierQualifierList abstractDeclarator? ;

initializer
    : expr
    | '{' (initItem (',' initItem)* ','?)? '}'
    ;

initItem : designator* initializer ;

designator
    : '[' expr ']' '='?
    | '.' IDENTIFIER '='?
    ;

// ---- statements

statement
    : IDENTIFIER ':' statement                                  #labelStmt
    | 'case' expr ':' statement                                 #caseStmt
    | 'default' ':' statement                                   #defaultStmt
    | compoundStatement                                         #blockStmt
    | expression? ';'                                           #exprStmt
    | 'if' '(' expression ')' statement ('else' statement)?     #ifStmt
    | 'switch' '(' expression ')' statement                     #switchStmt
    | 'while' '(' expression ')' statement                      #whileStmt
    | 'do' statement 'while' '(' expression ')' ';'             #doStmt
    | 'for' '(' forInit? ';' expression? ';' expression? ')' statement  #forStmt
    | 'goto' IDENTIFIER ';'                                     #gotoStmt
    | 'continue' ';'                                            #continueStmt
    | 'break' ';'                                               #breakStmt
    | 'return' expression? ';'                                  #returnStmt
    | PRAGMA                                                    #pragmaStmt
    ;

forInit : declSpecifiers initDeclaratorList? | expression ;

compoundStatement : '{' blockItem* '}' ;

blockItem : declaration | statement ;

// ---- expressions: one precedence-climbing rule, lowest precedence last

expression : expr (',' expr)* ;

expr
    : primary                                                   #primaryExpr
    | expr '[' expression ']'                                   #indexExpr
    | expr '(' (expr (',' expr)*)? ')'                          #callExpr
    | expr op=('.' | '->') IDENTIFIER                           #memberExpr
    | expr op=('++' | '--')                                     #postfixExpr
    | '(' typeName ')' '{' (initItem (',' initItem)* ','?)? '}' #compoundLiteralExpr
    | op=('++' | '--') expr                                     #preIncExpr
    | 'sizeof' '(' typeName ')'                                 #sizeofTypeExpr
    | '_Alignof' '(' typeName ')'                               #alignofExpr
    | op=('&' | '*' | '+' | '-' | '~' | '!' | 'sizeof') expr    #unaryExpr
    | '(' typeName ')' expr                                     #castExpr
    | expr op=('*' | '/' | '%') expr                            #binaryExpr
    | expr op=('+' | '-') expr                                  #binaryExpr
    | expr op=('<<' | '>>') expr                                #binaryExpr
    | expr op=('<' | '>' | '<=' | '>=') expr                    #binaryExpr
    | expr op=('==' | '!=') expr                                #binaryExpr
    | expr op='&' expr                                          #binaryExpr
    | expr op='^' expr                                          #binaryExpr
    | expr op='|' expr                                          #binaryExpr
    | expr op='&&' expr                                         #logicalExpr
    | expr op='||' expr                                         #logicalExpr
    | <assoc=right> expr '?' expression ':' expr                #condExpr
    | <assoc=right> expr op=('=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|=') expr  #assignExpr
    ;

primary
    : IDENTIFIER                #identPrimary
    | INTEGER_CONSTANT          #intPrimary
    | FLOATING_CONSTANT         #floatPrimary
    | CHARACTER_CONSTANT        #charPrimary
    | STRING_LITERAL+           #stringPrimary
    | '(' expression ')'        #parenPrimary
    ;

// ---- tokens

PRAGMA : '#pragma' ~[\r\n]* ;
TYPEDEF_NAME : '\u0000' ;   // never lexed: produced by the typedef pass

ELLIPSIS : '...' ;

IDENTIFIER : [a-zA-Z_] [a-zA-Z_0-9]* ;

INTEGER_CONSTANT
    : ( [1-9] [0-9]* | '0' [0-7]* | '0' [xX] [0-9a-fA-F]+ | '0' [bB] [01]+ ) [uUlL]*
    ;

FLOATING_CONSTANT
    : ( [0-9]+ '.' [0-9]* | '.' [0-9]+ ) ([eE] [+-]? [0-9]+)? [fFlL]?
    | [0-9]+ [eE] [+-]? [0-9]+ [fFlL]?
    | '0' [xX] [0-9a-fA-F]* '.'? [0-9a-fA-F]* [pP] [+-]? [0-9]+ [fFlL]?
    ;

CHARACTER_CONSTANT : [LuU]? '\'' ( ~['\\\r\n] | '\\' . )+ '\'' ;

STRING_LITERAL : ('u8' | [LuU])? '"' ( ~["\\\r\n] | '\\' . )* '"' ;

WS : [ \t\r\n\f\u000B]+ -> skip ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
DIRECTIVE : '#' ~[\r\n]* -> skip ;
BAD_CHAR : . ;
