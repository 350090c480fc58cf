/// The books' one stylesheet: plain CSS, phone first (readable at 360 px), no web fonts, nothing from another origin.
enum BooksStyle {
    static let css = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1f23;background:#f6f7f9}
        a{color:#0b57d0}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px}
        header{background:#0f5132;padding:6px 8px}
        header nav{display:flex;flex-wrap:wrap;gap:2px}
        header nav a{color:#fff;text-decoration:none;padding:8px 10px;border-radius:6px;font-weight:600}
        header nav a[aria-current=page]{background:#ffffff33}
        footer{max-width:720px;margin:0 auto;padding:8px 12px 24px}
        footer .logout button{background:#fff;color:#0f5132;border:1px solid #0f5132}
        main{max-width:720px;margin:0 auto;padding:12px}
        h1{font-size:1.35rem;margin:.4em 0 .6em}
        h2{font-size:1.1rem;margin:1.2em 0 .5em}
        label{display:block;font-weight:600;margin:.5em 0 .2em}
        fieldset{border:1px solid #d0d7de;border-radius:8px;margin:.6em 0;padding:.4em .8em}
        fieldset label{font-weight:400}
        input{font:inherit;width:100%;padding:10px;border:1px solid #8c959f;border-radius:8px;background:#fff;min-height:44px}
        input[type=radio]{width:auto;min-height:0;margin-right:6px}
        input[readonly]{background:#eef1f4}
        button{font:inherit;font-weight:600;min-height:44px;padding:8px 14px;border-radius:8px;border:0;background:#0f5132;color:#fff;cursor:pointer}
        button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
        .filters{background:#fff;border-radius:10px;padding:10px 12px;margin-bottom:12px;box-shadow:0 1px 2px #0001}
        .filters button{margin-top:10px;width:100%}
        .totals{display:flex;gap:8px;margin:0 0 12px}
        .totals p{flex:1;margin:0;background:#fff;border-radius:10px;padding:8px 10px;box-shadow:0 1px 2px #0001}
        .totals span{display:block;font-size:.8rem;color:#57606a}
        .totals strong{font-size:1.05rem;overflow-wrap:anywhere}
        .bills,.questions,.history{list-style:none;margin:0;padding:0}
        .bills li{background:#fff;border-radius:10px;margin-bottom:8px;box-shadow:0 1px 2px #0001}
        .bills a{display:flex;flex-wrap:wrap;justify-content:space-between;padding:10px 12px;color:inherit;text-decoration:none}
        .bills .payee{font-weight:600;overflow-wrap:anywhere;max-width:65%}
        .bills .amount{font-weight:700}
        .bills .meta,.meta{width:100%;font-size:.85rem;color:#57606a}
        .bills li.doubtful{border-left:5px solid #d4a72c}
        .bills li.empty{padding:12px;color:#57606a}
        .notice{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:8px 10px}
        .problem{background:#ffebe9;border:1px solid #cf222e;border-radius:8px;padding:8px 10px}
        .bill-detail{display:grid;gap:12px}
        @media (min-width:700px){.bill-detail{grid-template-columns:1fr 1fr}}
        .original{margin:0;background:#fff;border-radius:10px;padding:8px;text-align:center}
        .original img{max-width:100%;max-height:45vh;height:auto;object-fit:contain;border-radius:6px}
        .field{background:#fff;border-radius:10px;padding:6px 10px 10px;margin-bottom:8px}
        .field.doubtful{background:#fff8c5;border:1px solid #d4a72c}
        .field .edit{display:flex;gap:6px}
        .flag{color:#9a6700}
        .danger{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
        .danger button{background:#fff;color:#cf222e;border:1px solid #cf222e;flex:1}
        .history li,.questions li{background:#fff;border-radius:8px;padding:8px 10px;margin-bottom:6px}
        .questions p{margin:.2em 0}
        .questions .unanswered{color:#9a6700}
        time{color:#57606a;font-size:.85rem;margin-right:4px}
        .entry{background:#fff;border-radius:10px;padding:10px 12px;margin-bottom:12px}
        .entry button{margin-top:10px;width:100%}
        .table{overflow-x:auto;background:#fff;border-radius:10px}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:6px 8px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
        """
}
