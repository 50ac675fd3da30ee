fn main() {
    horetsu_app::run()
}
