mod ui_support;
use goglobal::app::{Action, Intent, Lang};
use ui_support::*;

#[test]
fn show() {
    let mut a = app(Lang::Vi);
    for (w, h) in [(80, 24), (120, 40)] {
        println!("{}", screen(&mut a, w, h));
    }
    a.apply(Intent::Act(Action::Tab2));
    println!("{}", screen(&mut a, 80, 24));
    a.apply(Intent::Act(Action::Open));
    println!("{}", screen(&mut a, 80, 24));
    println!("{}", screen(&mut a, 120, 40));
    a.apply(Intent::Act(Action::Tab3));
    println!("{}", screen(&mut a, 80, 24));
    println!("{}", screen(&mut a, 120, 40));
    a.apply(Intent::Act(Action::Open));
    println!("{}", screen(&mut a, 80, 24));
    a.apply(Intent::Act(Action::Tab4));
    println!("{}", screen(&mut a, 80, 24));
    a.apply(Intent::Act(Action::Open));
    println!("{}", screen(&mut a, 80, 24));
    a.apply(Intent::Act(Action::Help));
    println!("{}", screen(&mut a, 80, 24));
}
